import Billing

extension ViewModelBuilder {
    /// The vendor-form packet: a cover letter, the vendor's registration, remittance and bank
    /// details and contacts, and a signature block.
    func vendorForm(_ request: W9Request, vendor: Vendor, account: Account, issuedOn: CalendarDate) -> TaxFormView {
        var registration = [
            FieldView(field: label("fieldLegalName"), value: vendor.legalName),
            FieldView(field: label("fieldRegisteredOffice"), value: address(vendor.address).joined(separator: ", ")),
        ]
        for identifier in vendor.taxIdentifiers {
            registration.append(FieldView(field: identifierName(identifier), value: identifier.value))
        }
        var remittance = [
            FieldView(
                field: label("fieldRemitTo"),
                value: address(vendor.remitTo ?? vendor.address).joined(separator: ", ")
            ),
            FieldView(field: label("fieldPaymentReference"), value: label("paymentReferenceValue")),
        ]
        if let bank = vendor.bankDetails { remittance.insert(FieldView(field: label("fieldBank"), value: bank), at: 1) }
        var contacts = [FieldView(field: label("fieldAccountsReceivable"), value: vendor.email)]
        if let website = vendor.website { contacts.append(FieldView(field: label("fieldWebsite"), value: website)) }
        if let w9 = vendor.w9 {
            contacts.append(FieldView(field: label("fieldSigner"), value: "\(w9.signerName), \(w9.signerTitle)"))
        }
        let signer =
            vendor.w9.map { ($0.signerName, $0.signerTitle) } ?? (vendor.legalName, label("authorisedSignatory"))
        return taxForm(
            request,
            vendor: vendor,
            account: account,
            issuedOn: issuedOn,
            heading: label("vendorFormPacket"),
            letter: (
                subject: label("vendorSubject", ["vendor": vendor.legalName]),
                body: label("vendorLetter2", ["vendor": vendor.legalName]),
                enclosure: label("enclosureVendorForm")
            ),
            sections: [
                FormSectionView(title: label("sectionRegistration"), rows: registration),
                FormSectionView(title: label("sectionRemittance"), rows: remittance),
                FormSectionView(title: label("sectionContacts"), rows: contacts),
            ],
            signature: SignatureView(
                name: signer.0,
                title: signer.1,
                line: label("signedFor", ["vendor": vendor.legalName, "date": format.date(issuedOn)])
            )
        )
    }

    /// The regional-form packet: a cover letter naming the form and its region, with the vendor's
    /// registration data for that region (its tax identifiers issued there, its addresses).
    func regionalForm(
        _ request: W9Request,
        vendor: Vendor,
        account: Account,
        issuedOn: CalendarDate
    )
        -> TaxFormView
    {
        let form = request.regionalForm
        let country = form?.country ?? account.billingAddress.country
        let region =
            form.map { $0.region == $0.country ? countryName($0.country) : "\(countryName($0.country)), \($0.region)" }
            ?? countryName(country)
        let local = vendor.taxIdentifiers.filter { $0.country == country }
        var rows = [
            FieldView(field: label("fieldLegalName"), value: vendor.legalName),
            FieldView(field: label("fieldRegisteredOffice"), value: address(vendor.address).joined(separator: ", ")),
        ]
        for identifier in local.isEmpty ? vendor.taxIdentifiers : local {
            rows.append(FieldView(field: identifierName(identifier), value: identifier.value))
        }
        if let remitTo = vendor.remitTo, remitTo.country == country {
            rows.append(FieldView(field: label("fieldRemitTo"), value: address(remitTo).joined(separator: ", ")))
        }
        rows.append(FieldView(field: label("fieldAccountsReceivable"), value: vendor.email))
        let name = form?.name ?? label("formType.regional-form")
        return taxForm(
            request,
            vendor: vendor,
            account: account,
            issuedOn: issuedOn,
            heading: label("regionalFormPacket"),
            letter: (
                subject: label("regionalSubject", ["form": name, "region": region, "vendor": vendor.legalName]),
                body: local.isEmpty
                    ? label("regionalNotRegistered", ["form": name, "region": region])
                    : label("regionalLetter2", ["form": name, "region": region]),
                enclosure: label("enclosureRegistration", ["region": region])
            ),
            sections: [FormSectionView(title: label("registrationFor", ["region": region]), rows: rows)],
            signature: nil
        )
    }

    private func taxForm(
        _ request: W9Request,
        vendor: Vendor,
        account: Account,
        issuedOn: CalendarDate,
        heading: String,
        letter: (subject: String, body: String, enclosure: String),
        sections: [FormSectionView],
        signature: SignatureView?
    ) -> TaxFormView {
        let requester = request.requester
        return TaxFormView(
            frame: frame(
                title: "\(heading) \(request.id)",
                heading: heading.uppercased(),
                vendor: vendor,
                page: page(paper: account.resolvedPaper),
                running: RunningHeaderView(
                    title: "\(heading) \(request.id)",
                    party: account.name,
                    detail: format.date(issuedOn)
                )
            ),
            issueDate: format.date(issuedOn),
            recipient: W9PacketView.Recipient(name: requester.name, company: account.name, email: requester.email),
            letter: W9PacketView.Letter(
                subject: letter.subject,
                greeting: label("greeting", ["name": requester.name]),
                paragraphs: [
                    label(
                        "letter1",
                        ["reference": request.id, "date": format.date(request.submittedOn), "account": account.id]
                    ),
                    letter.body,
                    label("letter3", ["email": vendor.email]),
                ],
                enclosuresTitle: label("enclosures"),
                enclosures: [letter.enclosure, label("enclosureSummary")],
                closing: label("closing")
            ),
            sections: sections,
            signature: signature,
            request: W9PacketView.Request(
                reference: request.id,
                formType: label("formType.\(request.formType.rawValue)")
                    + (request.regionalForm.map { " — \($0.name) (\($0.region))" } ?? ""),
                requester: "\(requester.name) <\(requester.email)>",
                details: request.details,
                submitted: format.date(request.submittedOn),
                fulfilled: format.date(request.fulfilledOn ?? issuedOn)
            )
        )
    }
}
