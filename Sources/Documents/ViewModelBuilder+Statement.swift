import Billing

extension ViewModelBuilder {
    func statement(_ statement: Statement, vendor: Vendor, issuedOn: CalendarDate) -> StatementView {
        let zero = Money.zero(statement.currency)
        let activities = statement.activities.enumerated().map { index, activity in
            ActivityView(
                date: format.date(activity.date),
                // Credits are known inside the store by long keys; customers read a word.
                reference: activity.kind == .accountCredit ? label("accountCreditReference") : activity.reference,
                description: describe(activity),
                charge: activity.charge.isZero ? "" : format.number(activity.charge),
                credit: activity.credit.isZero ? "" : format.number(activity.credit),
                balance: (activity.balance.isNegative ? "-" : "") + format.number(activity.balance),
                chargeValue: activity.charge.minorUnits,
                creditValue: activity.credit.minorUnits,
                balanceValue: activity.balance.minorUnits,
                zebra: index % 2 == 1
            )
        }
        let sample = format.money(Money(minorUnits: 100, currency: statement.currency))
        let number = format.number(Money(minorUnits: 100, currency: statement.currency))
        let prefix = sample.hasSuffix(number) ? String(sample.dropLast(number.count)) : ""
        var aging: AgingView?
        if statement.customer.kind == .corporate, !statement.unpaidInvoices.isEmpty {
            aging = AgingView(
                current: format.money(statement.aging.current),
                days1to30: format.money(statement.aging.days1to30),
                days31to60: format.money(statement.aging.days31to60),
                days61to90: format.money(statement.aging.days61to90),
                over90: format.money(statement.aging.over90),
                total: format.money(statement.aging.total),
                unpaid: statement.unpaidInvoices.map { invoice in
                    label(
                        "unpaidLine",
                        [
                            "number": invoice.number.description, "date": format.date(invoice.issueDate),
                            "due": format.date(invoice.dueDate), "amount": format.money(invoice.outstanding),
                        ]
                    )
                }
            )
        }
        let period = format.period(statement.period)
        return StatementView(
            language: format.language,
            title: "\(label("statement")) \(statement.customer.accountID) \(period)",
            heading: label("statement").uppercased(),
            logo: logo,
            labels: labels,
            vendor: self.vendor(vendor),
            customer: customer(statement.customer),
            period: period,
            issueDate: format.date(issuedOn),
            openingBalance: format.money(statement.openingBalance),
            closingBalance: format.money(statement.closingBalance),
            totalCharges: format.money(statement.totalCharges),
            totalCredits: format.money(statement.totalCredits.isZero ? zero : statement.totalCredits),
            activities: activities,
            aging: aging,
            currencyPrefix: prefix,
            currencySuffix: "",
            decimalSeparator: format.language == "it" ? "," : ".",
            groupSeparator: format.language == "it" ? "." : ","
        )
    }

    /// An activity's description in the document's language.
    func describe(_ activity: StatementActivity) -> String {
        switch activity.kind {
        case .invoice, .accountCredit:
            let main = describe(activity.item, fallback: activity.description)
            guard activity.item != nil, activity.otherLines > 0 else { return main }
            guard activity.otherLines > 1 else { return label("andOneMore", ["text": main]) }
            return label("andMore", ["text": main, "n": String(activity.otherLines)])
        case .creditNote:
            return label(
                "creditNoteFor",
                ["number": activity.relatedInvoice?.description ?? "", "reason": activity.note ?? ""]
            )
        case .payment:
            let method = activity.note.map { localizedMethod($0) } ?? ""
            if let number = activity.relatedInvoice {
                return label("paymentForInvoice", ["number": number.description, "method": method])
            }
            return label("paymentReceived", ["method": method])
        }
    }

    /// Payment methods as stored in English: the fixed phrases are translated, cards stay as they are.
    private func localizedMethod(_ text: String) -> String {
        if text == "Bank transfer against invoice" { return label("bankTransferMethod") }
        if text.hasPrefix("SEPA direct debit ") {
            let rest = text.dropFirst("SEPA direct debit ".count).split(separator: " ")
            if rest.count == 2 {
                return label("sepaMethod", ["country": String(rest[0]), "last": String(rest[1].dropFirst())])
            }
        }
        return text
    }

    func w9Packet(
        _ request: W9Request,
        vendor: Vendor,
        account: Account,
        issuedOn: CalendarDate
    ) throws(DocumentError) -> W9PacketView {
        guard let w9 = vendor.w9 else {
            throw .data(
                "the vendor has no W-9 facts: add \"w9\" to the vendor (docs/data-format.md) before printing W-9 packets"
            )
        }
        let english = Formatting(language: "en")
        let address = w9.address
        let lines: [W9LineView] = [
            W9LineView(line: "1", field: label("line1"), value: w9.name),
            W9LineView(line: "2", field: label("line2"), value: w9.businessName ?? "—"),
            W9LineView(line: "3a", field: label("line3a"), value: w9.classification.label),
            W9LineView(line: "3b", field: label("line3b"), value: w9.hasForeignPartners ? label("yes") : label("no")),
            W9LineView(line: "4a", field: label("line4a"), value: w9.exemptPayeeCode ?? label("none")),
            W9LineView(line: "4b", field: label("line4b"), value: w9.fatcaCode ?? label("none")),
            W9LineView(line: "5", field: label("line5"), value: address.lines.joined(separator: ", ")),
            W9LineView(
                line: "6",
                field: label("line6"),
                value: "\(address.city), \(address.region ?? "") \(address.postalCode)"
            ),
            W9LineView(
                line: "—",
                field: label("requesterLine"),
                value: ([account.name] + account.billingAddress.lines + [
                    "\(account.billingAddress.postalCode) \(account.billingAddress.city)"
                ])
                .joined(separator: ", ")
            ),
            W9LineView(line: "7", field: label("line7"), value: account.id),
            W9LineView(line: "Part I", field: label("partI"), value: w9.tin.value),
        ]
        let requester = request.requester
        return W9PacketView(
            language: format.language,
            title: "\(label("w9Packet")) \(request.id)",
            heading: label("w9Packet").uppercased(),
            logo: logo,
            labels: labels,
            vendor: self.vendor(vendor),
            issueDate: format.date(issuedOn),
            recipient: W9PacketView.Recipient(name: requester.name, company: account.name, email: requester.email),
            letter: W9PacketView.Letter(
                subject: label("subject", ["vendor": vendor.legalName]),
                greeting: label("greeting", ["name": requester.name]),
                paragraphs: [
                    label(
                        "letter1",
                        ["reference": request.id, "date": format.date(request.submittedOn), "account": account.id]
                    ),
                    label("letter2", ["vendor": vendor.legalName]),
                    label("letter3", ["email": vendor.email]),
                ],
                enclosuresTitle: label("enclosures"),
                enclosures: [label("enclosureW9"), label("enclosureSummary")],
                closing: label("closing")
            ),
            w9: W9PacketView.Form(
                lines: lines,
                certifications: [label("cert1"), label("cert2"), label("cert3"), label("cert4")],
                signer: w9.signerName,
                signerTitle: w9.signerTitle,
                signatureDate: english.date(w9.signatureDate)
            ),
            request: W9PacketView.Request(
                reference: request.id,
                formType: request.formType.displayName,
                requester: "\(requester.name) <\(requester.email)>",
                details: request.details,
                submitted: format.date(request.submittedOn),
                fulfilled: format.date(request.fulfilledOn ?? issuedOn)
            )
        )
    }
}
