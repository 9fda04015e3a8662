extension Invoice {
    /// Drafts an invoice of `lines` for `account`, as it would be issued on `issueDate`.
    ///
    /// - Parameters:
    ///   - key: Unique per (subscription, period) or change: issuing the same key twice is refused by the store.
    ///   - lines: The charges and credits.
    ///   - account: The customer; its details, terms, tax treatment and purchase orders are used.
    ///   - subscriptionID: The subscription billed.
    ///   - reason: Why the invoice is raised.
    ///   - issueDate: The date of issue.
    ///   - availableCredit: Account credit that may pay part of the total (rule 2).
    ///   - invoicedOnPurchaseOrder: What was already invoiced against the account's active PO (rule 11).
    /// - Returns: The draft, with totals, tax, stamp duty, PO number and balance applied.
    /// - Throws: ``BillingError/purchaseOrder(_:)`` when a corporate account has no PO valid on the
    ///   date or the invoice would exceed it; currency errors when a line is in another currency.
    public static func draft(
        key: String,
        lines: [InvoiceLine],
        account: Account,
        subscriptionID: String?,
        reason: InvoiceReason,
        issueDate: CalendarDate,
        availableCredit: Money,
        invoicedOnPurchaseOrder: Money
    ) throws(BillingError) -> Invoice {
        let active = account.activePurchaseOrder(on: issueDate)
        return try draft(
            key: key,
            lines: lines,
            account: account,
            subscriptionID: subscriptionID,
            reason: reason,
            issueDate: issueDate,
            availableCredit: availableCredit,
            invoicedOnPurchaseOrders: active.map { [$0.number: invoicedOnPurchaseOrder] } ?? [:]
        )
    }

    /// Drafts an invoice of `lines` for `account`, as it would be issued on `issueDate`, against the
    /// purchase order ``Account/choosePurchaseOrder(for:on:subscriptionID:invoiced:)`` picks, given what
    /// was already invoiced, and not voided, against each of the account's POs, by number (rule 11).
    public static func draft(
        key: String,
        lines: [InvoiceLine],
        account: Account,
        subscriptionID: String?,
        reason: InvoiceReason,
        issueDate: CalendarDate,
        availableCredit: Money,
        invoicedOnPurchaseOrders: [String: Money]
    ) throws(BillingError) -> Invoice {
        let currency = account.currency
        guard !lines.isEmpty else { throw .invalidState("an invoice needs at least one line") }
        let totals = try DocumentTotals(lines: lines, currency: currency)
        guard !totals.total.isNegative else {
            throw .invalidState("an invoice cannot have a negative total (\(totals.total)); issue a credit instead")
        }
        let stampDuty = StampDuty.due(total: totals.total, treatment: account.taxTreatment)
        let grandTotal = try totals.total.plus(stampDuty ?? .zero(currency))
        var purchaseOrderNumber: String?
        if account.kind == .corporate {
            purchaseOrderNumber =
                try account.choosePurchaseOrder(
                    for: grandTotal,
                    on: issueDate,
                    subscriptionID: subscriptionID,
                    invoiced: invoicedOnPurchaseOrders
                ).number
        }
        let credit = try availableCredit.isPositive ? availableCredit.minimum(grandTotal) : .zero(currency)
        return Invoice(
            key: key,
            number: nil,
            customer: CustomerDetails(account),
            subscriptionID: subscriptionID,
            reason: reason,
            currency: currency,
            issueDate: issueDate,
            dueDate: account.paymentTerms.dueDate(issuedOn: issueDate),
            terms: account.paymentTerms,
            purchaseOrderNumber: purchaseOrderNumber,
            paymentMethod: account.paymentMethod,
            lines: lines,
            totals: totals,
            taxNote: [account.taxTreatment.note, stampDuty.map { _ in StampDuty.note }].compactMap { $0 }
                .joined(separator: "\n").nilIfEmpty,
            stampDuty: stampDuty,
            balanceApplied: credit,
            amountDue: try grandTotal.minus(credit)
        )
    }

    /// The invoice issued with `number`; its year must be the issue date's.
    ///
    /// - Throws: ``BillingError/invalidState(_:)`` if it is already issued or the number is of
    ///   another series or year.
    public func issued(as number: DocumentNumber) throws(BillingError) -> Invoice {
        guard self.number == nil else {
            throw .invalidState("invoice \(self.number?.description ?? "") is already issued")
        }
        guard number.series == .invoice, number.year == issueDate.year else {
            throw .invalidState("invoice number \(number) does not belong to the invoice series of \(issueDate.year)")
        }
        var copy = self
        copy.number = number
        return copy
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
