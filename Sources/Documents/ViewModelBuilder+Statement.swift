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
        let suffix = sample.hasPrefix(number) ? String(sample.dropFirst(number.count)) : ""
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
            frame: frame(
                title: "\(label("statement")) \(statement.customer.accountID) \(period)",
                heading: label("statement").uppercased(),
                vendor: vendor,
                page: page(statement.customer),
                running: RunningHeaderView(
                    title: "\(label("statement")) \(statement.customer.accountID)",
                    party: statement.customer.name,
                    detail: period
                )
            ),
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
            currencySuffix: suffix,
            decimalSeparator: format.conventions.decimalSeparator,
            groupSeparator: format.conventions.groupSeparator
        )
    }

    /// An activity's description in the document's language.
    func describe(_ activity: StatementActivity) -> String {
        switch activity.kind {
        case .invoice, .accountCredit:
            // The excess of a payment accepted with --allow-overpayment (`CR-OVERPAY-<payment>`).
            if activity.kind == .accountCredit, activity.reference.hasPrefix("CR-OVERPAY-") {
                return label("overpaymentCredit", ["payment": String(activity.reference.dropFirst(11))])
            }
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
        case .refund:
            return label("refundLine", ["method": activity.note.map { localizedMethod($0) } ?? ""])
        }
    }

    /// Payment methods as stored in English: the fixed phrases are translated, cards stay as they are.
    private func localizedMethod(_ text: String) -> String {
        switch text {
        case "Bank transfer against invoice": return label("bankTransferMethod")
        case "Bank transfer (SEPA)": return label("methodSepaTransfer")
        case "Bank transfer": return label("methodBankTransfer")
        case "ACH": return label("methodACH")
        default: break
        }
        // A card as PaymentMethod describes it: "Visa •••• 4242 (09/2028)".
        if let dots = Self.cardDots(in: text) {
            let last = text[dots.upperBound...].prefix(4)
            if last.count == 4, last.allSatisfy(\.isNumber) {
                return label("cardMethod", ["brand": String(text[..<dots.lowerBound]), "last": String(last)])
            }
        }
        if text.hasPrefix("SEPA direct debit ") {
            let rest = text.dropFirst("SEPA direct debit ".count).split(separator: " ")
            if rest.count == 2 {
                return label("sepaMethod", ["country": String(rest[0]), "last": String(rest[1].dropFirst())])
            }
        }
        return text
    }

    /// Where `" •••• "` is in `text`, found by its bytes: a statement asks this of every payment it
    /// lists, and both Foundation's `range(of:)` and the standard library's generic `firstRange(of:)`
    /// cost thousands of instructions a call (`docs/performance.md`).
    static func cardDots(in text: String) -> Range<String.Index>? {
        let utf8 = text.utf8
        let dots = " •••• ".utf8
        var start = utf8.startIndex
        while let space = utf8[start...].firstIndex(of: UInt8(ascii: " ")) {
            if utf8[space...].starts(with: dots) { return space..<utf8.index(space, offsetBy: dots.count) }
            start = utf8.index(after: space)
        }
        return nil
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
        // The W-9 is the US federal form: its lines stay in English whatever the letter around it says.
        let form = ViewModelBuilder(language: "en", labels: allLabels)
        let address = w9.address
        let requesterAddress = AddressFormat.of(account.billingAddress.country)
            .lines(account.billingAddress, countryName: form.countryName(account.billingAddress.country))
        let lines: [W9LineView] = [
            W9LineView(line: "1", field: form.label("line1"), value: w9.name),
            W9LineView(line: "2", field: form.label("line2"), value: w9.businessName ?? "—"),
            W9LineView(line: "3a", field: form.label("line3a"), value: w9.classification.label),
            W9LineView(
                line: "3b",
                field: form.label("line3b"),
                value: w9.hasForeignPartners ? form.label("yes") : form.label("no")
            ),
            W9LineView(line: "4a", field: form.label("line4a"), value: w9.exemptPayeeCode ?? form.label("none")),
            W9LineView(line: "4b", field: form.label("line4b"), value: w9.fatcaCode ?? form.label("none")),
            W9LineView(line: "5", field: form.label("line5"), value: address.lines.joined(separator: ", ")),
            W9LineView(
                line: "6",
                field: form.label("line6"),
                value: AddressFormat.of("US").lines(
                    Address(
                        lines: [],
                        postalCode: address.postalCode,
                        city: address.city,
                        region: address.region,
                        country: "US"
                    )
                ).joined(separator: ", ")
            ),
            W9LineView(
                line: "—",
                field: form.label("requesterLine"),
                value: ([account.name] + requesterAddress).joined(separator: ", ")
            ),
            W9LineView(line: "7", field: form.label("line7"), value: account.id),
            W9LineView(line: "Part I", field: form.label("partI"), value: w9.tin.value),
        ]
        let requester = request.requester
        return W9PacketView(
            frame: frame(
                title: "\(label("w9Packet")) \(request.id)",
                heading: label("w9Packet").uppercased(),
                vendor: vendor,
                page: page(paper: account.resolvedPaper),
                running: RunningHeaderView(
                    title: "\(label("w9Packet")) \(request.id)",
                    party: account.name,
                    detail: format.date(issuedOn)
                )
            ),
            issueDate: format.date(issuedOn),
            formNotice: label("w9FormNotice"),
            formLabels: form.labels,
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
                certifications: [form.label("cert1"), form.label("cert2"), form.label("cert3"), form.label("cert4")],
                signer: w9.signerName,
                signerTitle: w9.signerTitle,
                signatureDate: form.format.date(w9.signatureDate)
            ),
            request: W9PacketView.Request(
                reference: request.id,
                formType: label("formType.\(request.formType.rawValue)"),
                requester: "\(requester.name) <\(requester.email)>",
                details: request.details,
                submitted: format.date(request.submittedOn),
                fulfilled: format.date(request.fulfilledOn ?? issuedOn)
            )
        )
    }
}
