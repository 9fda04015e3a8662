import Billing

extension ViewModelBuilder {
    func quote(_ document: QuoteDocument, vendor: Vendor) -> QuoteView {
        let quote = document.quote
        let status =
            quote.acceptedOn.map { label("quoteAcceptedOn", ["date": format.date($0)]) } ?? label("quoteOpen")
        let term =
            quote.termEnds.map { label("quoteTermEnds", ["date": format.date($0)]) } ?? label("quoteTermOpen")
        return QuoteView(
            frame: frame(
                title: "\(label("quote")) \(quote.id)",
                heading: label("quote").uppercased(),
                vendor: vendor,
                page: page(document.customer),
                running: RunningHeaderView(
                    title: "\(label("quote")) \(quote.id)",
                    party: document.customer.name,
                    detail: format.date(quote.preparedOn)
                )
            ),
            customer: customer(document.customer),
            number: quote.id,
            issueDate: format.date(quote.preparedOn),
            validUntil: format.date(quote.validUntil),
            subscription: quote.subscriptionID,
            preparedBy: Self.name(of: quote.preparedBy),
            status: status,
            lines: lines(document.lines),
            subtotal: format.money(document.totals.subtotal),
            taxes: taxes(document.totals, treatment: document.quote.unitPrice.currency == .eur),
            total: format.money(document.totals.total),
            currentSelection: label(
                "quoteCurrent",
                ["seats": String(document.current.seats), "frequency": label(document.current.frequency.rawValue)]
            ),
            term: term,
            acceptance: label("quoteAcceptance", ["date": format.date(quote.validUntil)]),
            taxNotes: []
        )
    }

    /// A representative by name, anyone else as they act.
    static func name(of actor: Actor) -> String {
        if case .representative(let name) = actor { return name }
        return actor.description
    }
}
