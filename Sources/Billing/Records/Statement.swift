/// One line of an account statement.
public struct StatementActivity: Sendable, Hashable, Codable {
    /// What kind of activity it is.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// An invoice: a charge.
        case invoice
        /// A credit note: a credit.
        case creditNote = "credit-note"
        /// Credit to the balance, such as for seats removed.
        case accountCredit = "account-credit"
        /// A payment received.
        case payment
        /// Account credit paid back: a charge.
        case refund
    }

    /// The day it happened.
    public var date: CalendarDate
    /// Invoice, credit note, account credit or payment.
    public var kind: Kind
    /// The document number or payment reference.
    public var reference: String
    /// What it was for, in English.
    public var description: String
    /// The amount charged, zero if none.
    public var charge: Money
    /// The amount credited or paid, zero if none.
    public var credit: Money
    /// What the customer owes after this line.
    public var balance: Money
    /// For invoices and credits: the main line, as data, for documents to word in their language.
    public var item: LineItem?
    /// For invoices: how many more lines it has besides `item`.
    public var otherLines: Int = 0
    /// For payments and credit notes: the invoice they refer to.
    public var relatedInvoice: DocumentNumber?
    /// For payments: how it was paid; for credit notes: why.
    public var note: String?
}

/// Unpaid invoices by how late they are: not yet due, 1–30, 31–60, 61–90 and over 90 days.
public struct AgingBuckets: Sendable, Hashable, Codable {
    /// Not yet due.
    public var current: Money
    /// 1–30 days past due.
    public var days1to30: Money
    /// 31–60 days past due.
    public var days31to60: Money
    /// 61–90 days past due.
    public var days61to90: Money
    /// More than 90 days past due.
    public var over90: Money

    /// All five added up.
    public var total: Money {
        (try? Money.sum([current, days1to30, days31to60, days61to90, over90], in: current.currency)) ?? current
    }
}

/// An invoice not fully paid at the statement's end.
public struct UnpaidInvoice: Sendable, Hashable, Codable {
    /// Its number.
    public var number: DocumentNumber
    /// When it was issued.
    public var issueDate: CalendarDate
    /// When it fell due.
    public var dueDate: CalendarDate
    /// What is still owed on it.
    public var outstanding: Money
    /// Days past the due date at the statement's end; zero or less when not yet due.
    public var daysPastDue: Int
}

/// An account statement for a period: the opening balance, every charge, credit and payment with a
/// running balance, the closing balance, and the aging of unpaid invoices.
///
/// A statement is derived only from issued documents and payments, so printing it again for the
/// same period always gives the same figures.
public struct Statement: Sendable, Hashable, Codable {
    /// The customer, as now.
    public var customer: CustomerDetails
    /// The period covered.
    public var period: DatePeriod
    /// The currency.
    public var currency: Currency
    /// What the customer owed at the start of the period (negative: in credit).
    public var openingBalance: Money
    /// Every activity in the period, in order.
    public var activities: [StatementActivity]
    /// The sum of the charges in the period.
    public var totalCharges: Money
    /// The sum of the credits and payments in the period.
    public var totalCredits: Money
    /// What the customer owes at the end of the period.
    public var closingBalance: Money
    /// Unpaid invoices at the end of the period, oldest first.
    public var unpaidInvoices: [UnpaidInvoice]
    /// Their aging.
    public var aging: AgingBuckets
}
