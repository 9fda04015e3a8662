/// Where an issued invoice stands on a date.
public enum InvoiceStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// Nothing paid yet, not yet due.
    case open
    /// Something paid, something still owed, not yet due.
    case partlyPaid = "partly-paid"
    /// Nothing left to pay.
    case paid
    /// Past its due date with a balance.
    case overdue
    /// Cancelled by a credit note for its whole total.
    case void
}

/// Something that reduced what an invoice asks: a payment, account credit used when it was issued,
/// or a credit note.
public struct InvoiceSettlement: Sendable, Hashable, Codable {
    /// What kind of settlement it is.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// A payment that names the invoice.
        case payment
        /// Part of a payment on account, applied to the oldest invoices first.
        case paymentOnAccount = "payment-on-account"
        /// Account credit used when the invoice was issued.
        case accountCredit = "account-credit"
        /// A credit note for the invoice.
        case creditNote = "credit-note"
    }

    /// Payment, payment on account, account credit or credit note.
    public var kind: Kind
    /// The payment's reference or the credit note's number; empty for account credit.
    public var reference: String
    /// The day it took effect.
    public var date: CalendarDate
    /// How much of the invoice it settled.
    public var amount: Money
}

/// An issued invoice's state on a date: what was asked, what settled it, what is left.
public struct InvoiceStanding: Sendable, Hashable, Codable {
    /// The invoice's number.
    public var number: DocumentNumber
    /// The account it is addressed to.
    public var accountID: String
    /// When it was issued.
    public var issueDate: CalendarDate
    /// When payment is due.
    public var dueDate: CalendarDate
    /// Its total with stamp duty.
    public var total: Money
    /// What it asked when it was issued (total less account credit used).
    public var amountDueAtIssue: Money
    /// Payments, account credit and credit notes that settled it, in order.
    public var settlements: [InvoiceSettlement]
    /// What is still owed on it; zero when paid or void.
    public var balance: Money
    /// Open, partly paid, paid, overdue or void.
    public var status: InvoiceStatus
    /// Days past its due date; zero or less when not yet due.
    public var daysPastDue: Int

    /// A standing with every member given.
    public init(
        number: DocumentNumber,
        accountID: String,
        issueDate: CalendarDate,
        dueDate: CalendarDate,
        total: Money,
        amountDueAtIssue: Money,
        settlements: [InvoiceSettlement],
        balance: Money,
        status: InvoiceStatus,
        daysPastDue: Int
    ) {
        self.number = number
        self.accountID = accountID
        self.issueDate = issueDate
        self.dueDate = dueDate
        self.total = total
        self.amountDueAtIssue = amountDueAtIssue
        self.settlements = settlements
        self.balance = balance
        self.status = status
        self.daysPastDue = daysPastDue
    }
}

extension LedgerInputs {
    /// The standing of every issued invoice in the inputs on `date`, oldest first.
    ///
    /// Only payments received and credit notes issued by `date` count. A payment that names an
    /// invoice pays it; payments on account pay the oldest invoices first (as the statement's aging
    /// does). Credit notes for an invoice reduce its balance; one that credits its whole total
    /// makes it void. An invoice with a balance is overdue the day after its due date.
    /// - Complexity: O(n log n) in the number of inputs.
    public func standings(asOf date: CalendarDate) throws(BillingError) -> [InvoiceStanding] {
        let issued = invoices.filter { $0.number != nil }.sorted {
            ($0.issueDate, $0.number?.sequence ?? 0) < ($1.issueDate, $1.number?.sequence ?? 0)
        }
        var standings: [InvoiceStanding] = []
        var index: [DocumentNumber: Int] = [:]
        for invoice in issued {
            guard let number = invoice.number else { continue }
            index[number] = standings.count
            var settlements: [InvoiceSettlement] = []
            if invoice.balanceApplied.isPositive {
                settlements.append(
                    InvoiceSettlement(
                        kind: .accountCredit,
                        reference: "",
                        date: invoice.issueDate,
                        amount: invoice.balanceApplied
                    )
                )
            }
            standings.append(
                InvoiceStanding(
                    number: number,
                    accountID: invoice.customer.accountID,
                    issueDate: invoice.issueDate,
                    dueDate: invoice.dueDate,
                    total: invoice.grandTotal,
                    amountDueAtIssue: invoice.amountDue,
                    settlements: settlements,
                    balance: invoice.amountDue,
                    status: .open,
                    daysPastDue: invoice.dueDate.days(until: date)
                )
            )
        }
        var voided = Set<DocumentNumber>()
        var credited: [DocumentNumber: Money] = [:]
        for note in creditNotes where note.issueDate <= date {
            guard let number = note.number, let at = index[note.invoiceNumber] else { continue }
            _ = try standings[at].settle(.creditNote, number.description, note.issueDate, note.grandTotal)
            let sum = try (credited[note.invoiceNumber] ?? .zero(note.currency)).plus(note.grandTotal)
            credited[note.invoiceNumber] = sum
            if !(try standings[at].total.isGreater(than: sum)) { voided.insert(note.invoiceNumber) }
        }
        var onAccount: [(payment: Payment, left: Money)] = []
        for payment in payments.filter({ $0.receivedOn <= date }).sorted(by: { $0.receivedOn < $1.receivedOn }) {
            if let number = payment.invoiceNumber, let at = index[number], !voided.contains(number) {
                let used = try standings[at].settle(.payment, payment.id, payment.receivedOn, payment.amount)
                let left = try payment.amount.minus(used)
                if left.isPositive { onAccount.append((payment, left)) }
            } else {
                onAccount.append((payment, payment.amount))
            }
        }
        for at in standings.indices where !voided.contains(standings[at].number) {
            for slot in onAccount.indices where onAccount[slot].left.isPositive && standings[at].balance.isPositive {
                let payment = onAccount[slot].payment
                let used = try standings[at].settle(
                    .paymentOnAccount,
                    payment.id,
                    payment.receivedOn,
                    onAccount[slot].left
                )
                onAccount[slot].left = try onAccount[slot].left.minus(used)
            }
        }
        for at in standings.indices {
            standings[at].status = standings[at].classify(void: voided.contains(standings[at].number), on: date)
            if standings[at].status == .void { standings[at].balance = .zero(standings[at].balance.currency) }
        }
        return standings
    }
}

extension InvoiceStanding {
    /// Settles up to `amount` of the balance (a credit note, up to the total); returns how much was used.
    mutating func settle(
        _ kind: InvoiceSettlement.Kind,
        _ reference: String,
        _ date: CalendarDate,
        _ amount: Money
    ) throws(BillingError) -> Money {
        let used = try kind == .creditNote ? amount : amount.minimum(balance)
        guard used.isPositive else { return .zero(amount.currency) }
        settlements.append(InvoiceSettlement(kind: kind, reference: reference, date: date, amount: used))
        balance = try Money(minorUnits: max(0, balance.minus(used).minorUnits), currency: balance.currency)
        return used
    }

    /// The status the balance, the due date and any voiding credit note give on `date`.
    func classify(void: Bool, on date: CalendarDate) -> InvoiceStatus {
        if void { return .void }
        if !balance.isPositive { return .paid }
        if date > dueDate { return .overdue }
        return settlements.contains { $0.kind != .accountCredit && $0.kind != .creditNote } ? .partlyPaid : .open
    }

    /// What was paid on it (payments and payments on account), without account credit or credit notes.
    public var paid: Money {
        settlements.filter { $0.kind == .payment || $0.kind == .paymentOnAccount }.reduce(Money.zero(total.currency)) {
            Money(minorUnits: $0.minorUnits + $1.amount.minorUnits, currency: $0.currency)
        }
    }
}
