import Billing

extension ViewModelBuilder {
    /// An address as the post of its country expects it, the country named in the document's language.
    func address(_ address: Address) -> [String] {
        AddressFormat.of(address.country).lines(address, countryName: countryName(address.country))
    }

    /// The country's name in the document's language (`country.DE` of the labels), or its code.
    func countryName(_ code: String) -> String {
        labels["country.\(code)"] ?? code
    }

    /// Identifiers with the name their country gives them, such as `USt-IdNr. DE129273398`.
    func identifiers(_ list: [TaxIdentifier]) -> [String] {
        list.map { "\(identifierName($0)) \($0.value)" }
    }

    /// What an identifier is called: its country's name for a VAT number (`P. IVA`, `USt-IdNr`, `N° TVA`).
    ///
    /// Other EU numbers get the document language's word; EIN, SSN and the Italian fiscal code are
    /// called as the labels say.
    func identifierName(_ identifier: TaxIdentifier) -> String {
        switch identifier.kind {
        case .euVAT:
            let prefix = String(identifier.value.prefix(2))
            return AddressFormat.table[prefix == "EL" ? "GR" : prefix]?.vatNumberName ?? label("euVAT")
        case .partitaIVA: return AddressFormat.of("IT").vatNumberName ?? label("partitaIVA")
        default: return label(identifier.kind.rawValue)
        }
    }

    func vendor(_ vendor: Vendor) -> PartyView {
        PartyView(
            name: vendor.legalName,
            lines: address(vendor.address),
            identifiers: identifiers(vendor.taxIdentifiers),
            contact: nil,
            email: vendor.email,
            account: nil,
            website: vendor.website,
            websiteURL: vendor.website.map { $0.contains("://") ? $0 : "https://" + $0 }
        )
    }

    func customer(_ customer: CustomerDetails) -> PartyView {
        PartyView(
            name: customer.name,
            lines: address(customer.address),
            identifiers: identifiers(customer.taxIdentifiers),
            contact: customer.contactName,
            email: customer.contactEmail,
            account: customer.accountID
        )
    }

    /// The paper the customer chose, else Letter in a country that uses it (the US and Canada) and
    /// A4 elsewhere; the page number as the labels' `pageCounter` says it.
    func page(_ customer: CustomerDetails) -> PageView {
        page(paper: (customer.paper ?? .byCountry).resolved(country: customer.address.country))
    }

    /// A page of `paper` (``PaperSize/a4`` or ``PaperSize/letter``), numbered as `pageCounter` says.
    func page(paper: PaperSize) -> PageView {
        PageView(size: paper == .letter ? "letter" : "A4", counter: pageCounter())
    }

    /// `pageCounter` ("Pagina {page} di {pages}") as CSS `content`: strings and counters, escaped
    /// for a CSS string inside an XHTML `<style>` element.
    func pageCounter() -> String {
        let text = label("pageCounter")
        var parts: [String] = []
        var rest = Substring(text)
        func literal(_ piece: Substring) {
            guard !piece.isEmpty else { return }
            var escaped = ""
            for character in piece {
                switch character {
                case "\\": escaped += "\\\\"
                case "\"": escaped += "\\\""
                case "&": escaped += "&amp;"
                case "<": escaped += "&lt;"
                case ">": escaped += "&gt;"
                case "\n": escaped += " "
                default: escaped.append(character)
                }
            }
            parts.append("\"\(escaped)\"")
        }
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            let name = rest[rest.index(after: open)..<close]
            if name == "page" || name == "pages" {
                literal(rest[..<open])
                parts.append("counter(\(name))")
            } else {
                literal(rest[...close])
            }
            rest = rest[rest.index(after: close)...]
        }
        literal(rest)
        return parts.isEmpty ? "\"\"" : parts.joined(separator: " ")
    }
}

extension ViewModelBuilder {
    /// The frame of a document titled `title`: this builder's language and labels, the vendor's
    /// letterhead and logo (the template folder's `logo.png` when it has none).
    func frame(
        title: String,
        heading: String,
        vendor: Vendor,
        page: PageView,
        running: RunningHeaderView
    ) -> DocumentFrameView {
        DocumentFrameView(
            language: format.language,
            title: title,
            heading: heading,
            logo: vendor.logo ?? logo,
            labels: labels,
            page: page,
            running: running,
            vendor: self.vendor(vendor)
        )
    }
}
