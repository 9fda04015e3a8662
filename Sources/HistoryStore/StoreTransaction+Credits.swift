import Billing

/// Credit notes of a whole invoice, a line or an amount, and refunds of account credit.
extension StoreTransaction {
    /// Credits `scope` of the invoice `reference` names, with a credit note in its own series.
    ///
    /// What the note credits beyond what is still owed on the invoice on `date` becomes account
    /// credit, which the account's next invoices use, or a refund pays back.
    func creditInvoice(
        _ reference: InvoiceReference,
        scope: CreditScope,
        reason: String,
        on date: CalendarDate,
        by actor: Actor
    ) throws -> CreditNote {
        let number = try number(of: reference)
        let invoice = try self.invoice(number)
        let account = try account(invoice.customer.accountID)
        try account.authorize(actor, to: .voidInvoice)
        var note = try CreditNote.crediting(
            scope,
            of: invoice,
            after: creditNotes(of: number),
            on: date,
            reason: reason
        )
        let inputs = try Self.ledgerInputs(account.id, before: date.adding(days: 1), db)
        let owed = try Statement.outstanding(on: number, inputs, asOf: date, currency: invoice.currency)
        let excess = try note.grandTotal.minus(owed)
        note.accountCredit = excess.isPositive ? excess : .zero(invoice.currency)
        let issued = try note.issued(as: allocateNumber(.creditNote, year: date.year, date: date))
        try insert(CreditNoteRecord(issued))
        return issued
    }

    /// The credit notes of invoice `number`, oldest first.
    func creditNotes(of number: DocumentNumber) throws -> [CreditNote] {
        try db.records(
            CreditNoteRecord.self,
            "SELECT * FROM credit_notes WHERE invoice_number = ? ORDER BY year, sequence",
            [.text(number.description)]
        ).map(\.note)
    }

    /// Records account credit paid back to the customer: vendor staff only, never more than the
    /// account's unused credit.
    func refundCredit(
        _ id: String,
        accountID: String,
        amount: Money,
        method: String,
        on date: CalendarDate,
        by actor: Actor
    ) throws {
        try Self.requireVendorSide(actor, "refund account credit")
        let account = try account(accountID)
        guard try !exists("refunds", id) else {
            throw StoreError.rejected(.invalidState("refund \(id) is already recorded"))
        }
        guard amount.currency == account.currency else {
            throw StoreError.rejected(.currencyMismatch(amount.currency, account.currency))
        }
        let available = try availableCredit(account)
        guard amount.minorUnits <= available.minorUnits else {
            throw StoreError.rejected(
                .invalidState("account \(accountID) has \(available) of credit to refund, not \(amount)")
            )
        }
        try insert(RefundRecord(try Refund(id: id, accountID: accountID, amount: amount, date: date, method: method)))
    }
}
