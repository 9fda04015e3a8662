import Billing

/// A party as printed: name, address lines, tax identifiers, contact.
public struct PartyView: Sendable, Hashable, Codable {
    /// Legal name.
    public var name: String
    /// Address lines, postal code and city last.
    public var lines: [String]
    /// Tax identifiers with their labels, such as "EIN 46-2817395".
    public var identifiers: [String]
    /// The contact's name.
    public var contact: String?
    /// The contact's e-mail.
    public var email: String?
    /// The account id.
    public var account: String?
    /// The web site as printed ("webinarseats.example").
    public var website: String?
    /// The web site as a link (`https://` added when the address has no scheme).
    public var websiteURL: String?
}

/// One invoice line as printed.
public struct LineView: Sendable, Hashable, Codable {
    /// What it is for.
    public var description: String
    /// The service period, if any.
    public var period: String?
    /// Seats.
    public var quantity: String
    /// Price of one seat for the period.
    public var unitPrice: String
    /// The line's amount.
    public var amount: String
    /// How a prorated line's amount is made: "7 × € 400,00 × 186/365"; `nil` for a whole period.
    public var calculation: String?
    /// Every other line is shaded.
    public var zebra: Bool
}

/// One tax rate's summary line.
public struct TaxView: Sendable, Hashable, Codable {
    /// "IVA 22% su € 1.349,00".
    public var label: String
    /// The tax.
    public var tax: String
}

/// Everything an invoice or credit note template prints, already formatted for its language.
public struct InvoiceView: Sendable, Hashable, Codable {
    /// What `base.html` prints around the document: language, title, letterhead, page, running header.
    public var frame: DocumentFrameView
    /// The customer.
    public var customer: PartyView
    /// The document number.
    public var number: String
    /// Date of issue.
    public var issueDate: String
    /// Due date (invoices).
    public var dueDate: String?
    /// Payment terms (invoices).
    public var terms: String?
    /// Purchase-order number (corporate invoices).
    public var purchaseOrder: String?
    /// The invoice a credit note corrects.
    public var correctsInvoice: String?
    /// PAID, VOID or COPY.
    public var stamp: String?
    /// The payment method.
    public var paymentMethod: String
    /// The lines.
    public var lines: [LineView]
    /// Subtotal.
    public var subtotal: String
    /// Tax per rate.
    public var taxes: [TaxView]
    /// Stamp duty, if due.
    public var stampDuty: String?
    /// Total.
    public var total: String
    /// Account credit applied, if any.
    public var balanceApplied: String?
    /// What is still to pay.
    public var amountDue: String
    /// Legal notes about tax.
    public var taxNotes: [String]
    /// Why a credit note was issued.
    public var reason: String?
    /// Payment instructions, or how the invoice was paid; empty when there is nothing to pay.
    public var payment: [String]
    /// Whether there are payment lines, so the box around them is drawn only then.
    public var hasPayment: Bool
    /// On a voided invoice: that it is void, and the credit note that voids it.
    public var voidNote: String?
    /// The Italian courtesy-copy note.
    public var courtesyCopy: String?
    /// The quote whose price the invoice charges.
    public var quote: String? = nil
}

/// One line of a statement's activity table.
public struct ActivityView: Sendable, Hashable, Codable {
    /// Date.
    public var date: String
    /// Document or payment reference.
    public var reference: String
    /// What it was.
    public var description: String
    /// Charge, or empty.
    public var charge: String
    /// Credit, or empty.
    public var credit: String
    /// Running balance.
    public var balance: String
    /// The charge in minor units, for carried totals.
    public var chargeValue: Int64
    /// The credit in minor units.
    public var creditValue: Int64
    /// The balance in minor units.
    public var balanceValue: Int64
    /// Every other row is shaded.
    public var zebra: Bool
}

/// Aging of unpaid invoices.
public struct AgingView: Sendable, Hashable, Codable {
    /// Not yet due.
    public var current: String
    /// 1–30 days late.
    public var days1to30: String
    /// 31–60 days late.
    public var days31to60: String
    /// 61–90 days late.
    public var days61to90: String
    /// Over 90 days late.
    public var over90: String
    /// All of them.
    public var total: String
    /// One line per unpaid invoice.
    public var unpaid: [String]
}

/// Everything a statement template prints.
public struct StatementView: Sendable, Hashable, Codable {
    /// What `base.html` prints around the document: language, title, letterhead, page, running header.
    public var frame: DocumentFrameView
    /// The account holder.
    public var customer: PartyView
    /// The period.
    public var period: String
    /// When the statement is dated.
    public var issueDate: String
    /// Opening balance.
    public var openingBalance: String
    /// Closing balance.
    public var closingBalance: String
    /// Sum of charges.
    public var totalCharges: String
    /// Sum of credits and payments.
    public var totalCredits: String
    /// The activity rows.
    public var activities: [ActivityView]
    /// Aging, for corporate accounts with unpaid invoices.
    public var aging: AgingView?
    /// The currency symbol before carried totals ("€ ").
    public var currencyPrefix: String
    /// After carried totals.
    public var currencySuffix: String
    /// Decimal separator of carried totals.
    public var decimalSeparator: String
    /// Group separator of carried totals.
    public var groupSeparator: String
}

/// One line of the W-9 as printed.
public struct W9LineView: Sendable, Hashable, Codable {
    /// "1", "3a", "Part I".
    public var line: String
    /// The field's name.
    public var field: String
    /// Its value.
    public var value: String
}

/// Everything the W-9 request packet prints.
public struct W9PacketView: Sendable, Hashable, Codable {
    /// The cover letter.
    public struct Letter: Sendable, Hashable, Codable {
        /// Subject line.
        public var subject: String
        /// "Dear …".
        public var greeting: String
        /// Body paragraphs.
        public var paragraphs: [String]
        /// "Enclosed:".
        public var enclosuresTitle: String
        /// What is enclosed.
        public var enclosures: [String]
        /// "Yours sincerely,".
        public var closing: String
    }

    /// The completed form.
    public struct Form: Sendable, Hashable, Codable {
        /// Lines 1–7 and Part I.
        public var lines: [W9LineView]
        /// The certification statements.
        public var certifications: [String]
        /// Who signs.
        public var signer: String
        /// Their title.
        public var signerTitle: String
        /// When.
        public var signatureDate: String
    }

    /// The request summary.
    public struct Request: Sendable, Hashable, Codable {
        /// Reference.
        public var reference: String
        /// Form type.
        public var formType: String
        /// Who asked.
        public var requester: String
        /// Their words.
        public var details: String
        /// When submitted.
        public var submitted: String
        /// When fulfilled.
        public var fulfilled: String
    }

    /// The requester, as addressed.
    public struct Recipient: Sendable, Hashable, Codable {
        /// Name.
        public var name: String
        /// Company.
        public var company: String
        /// E-mail.
        public var email: String
    }

    /// What `base.html` prints around the document: language, title, letterhead, page, running header.
    public var frame: DocumentFrameView
    /// Date of the packet.
    public var issueDate: String
    /// Says, in the document's language, that the form that follows is the US federal form, in English.
    public var formNotice: String
    /// The English labels the form itself is printed with.
    public var formLabels: [String: String]
    /// Addressee.
    public var recipient: Recipient
    /// Cover letter.
    public var letter: Letter
    /// The W-9.
    public var w9: Form
    /// The request.
    public var request: Request
}
