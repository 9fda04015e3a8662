/// Values rebuilt member by member, as a store reads them back: no rule runs again, nothing is
/// recomputed, so what was issued is what is read.
extension Invoice {
    /// An invoice with every member given, as it was stored.
    public static func stored(
        key: String,
        number: DocumentNumber?,
        customer: CustomerDetails,
        subscriptionID: String?,
        reason: InvoiceReason,
        currency: Currency,
        issueDate: CalendarDate,
        dueDate: CalendarDate,
        terms: PaymentTerms,
        purchaseOrderNumber: String?,
        paymentMethod: PaymentMethod?,
        lines: [InvoiceLine],
        totals: DocumentTotals,
        taxNote: String?,
        stampDuty: Money?,
        balanceApplied: Money,
        amountDue: Money,
        quoteID: String? = nil
    ) -> Invoice {
        Invoice(
            key: key,
            number: number,
            customer: customer,
            subscriptionID: subscriptionID,
            reason: reason,
            currency: currency,
            issueDate: issueDate,
            dueDate: dueDate,
            terms: terms,
            purchaseOrderNumber: purchaseOrderNumber,
            paymentMethod: paymentMethod,
            lines: lines,
            totals: totals,
            taxNote: taxNote,
            stampDuty: stampDuty,
            balanceApplied: balanceApplied,
            amountDue: amountDue,
            quoteID: quoteID
        )
    }
}

extension CreditNote {
    /// A credit note with every member given, as it was stored.
    public static func stored(
        number: DocumentNumber?,
        invoiceNumber: DocumentNumber,
        customer: CustomerDetails,
        currency: Currency,
        issueDate: CalendarDate,
        reason: String,
        lines: [InvoiceLine],
        totals: DocumentTotals,
        stampDuty: Money?,
        taxNote: String?,
        creditedLine: Int? = nil,
        accountCredit: Money? = nil
    ) -> CreditNote {
        CreditNote(
            number: number,
            invoiceNumber: invoiceNumber,
            customer: customer,
            currency: currency,
            issueDate: issueDate,
            reason: reason,
            lines: lines,
            totals: totals,
            stampDuty: stampDuty,
            taxNote: taxNote,
            creditedLine: creditedLine,
            accountCredit: accountCredit
        )
    }
}

extension DocumentTotals {
    /// Totals with every member given, as they were stored (not added up again).
    public init(subtotal: Money, taxes: [TaxLine], taxTotal: Money, total: Money) {
        self.subtotal = subtotal
        self.taxes = taxes
        self.taxTotal = taxTotal
        self.total = total
    }
}

extension Quote {
    /// A quote with every member given, as it was stored.
    public static func stored(
        id: String,
        accountID: String,
        subscriptionID: String,
        preparedBy: Actor,
        selection: SubscriptionSelection,
        unitPrice: Money,
        preparedOn: CalendarDate,
        validUntil: CalendarDate,
        status: Status,
        acceptedOn: CalendarDate?,
        termEnds: CalendarDate? = nil
    ) -> Quote {
        Quote(
            id: id,
            accountID: accountID,
            subscriptionID: subscriptionID,
            preparedBy: preparedBy,
            selection: selection,
            unitPrice: unitPrice,
            preparedOn: preparedOn,
            validUntil: validUntil,
            status: status,
            acceptedOn: acceptedOn,
            termEnds: termEnds
        )
    }
}
