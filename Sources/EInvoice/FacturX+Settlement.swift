import Billing

extension FacturXWriter {
    /// The category of the lines that charge no VAT, from why they charge none (the Natura the
    /// FatturaPA gives them); `nil` when every line charges VAT.
    func category(forZeroRate: Void) throws(EInvoiceError) -> VATCategory? {
        guard document.lines.contains(where: { $0.taxRate == .zero }) else { return nil }
        let notSubject = VATCategory(code: "O", reason: ("Not subject to VAT", "VATEX-EU-O"))
        switch try document.nature().code {
        case .notSubjectPlaceOfSupply:
            let country = document.customer.address.country
            let buyer = TaxBuyer(country: country, taxIdentifiers: document.customer.taxIdentifiers)
            guard TaxRules.isEU(country), buyer.hasVATNumber(of: country) else { return notSubject }
            return VATCategory(code: "AE", reason: ("Reverse charge", "VATEX-EU-AE"))
        case .reverseChargeScrap, .reverseChargeGold, .reverseChargeSubcontracting, .reverseChargeBuildings,
            .reverseChargeMobilePhones, .reverseChargeElectronics, .reverseChargeConstruction, .reverseChargeEnergy,
            .reverseChargeOther:
            return VATCategory(code: "AE", reason: ("Reverse charge", "VATEX-EU-AE"))
        case .intraEUSupplyNotTaxable:
            return VATCategory(code: "K", reason: ("Intra-Community supply", "VATEX-EU-IC"))
        case .exportNotTaxable:
            return VATCategory(code: "G", reason: ("Export outside the EU", "VATEX-EU-G"))
        case .exempt:
            return VATCategory(code: "E", reason: ("Exempt from VAT (art. 10 DPR 633/72)", ""))
        default:
            return notSubject
        }
    }

    mutating func lineItem(_ line: InvoiceLine, number: Int, zeroCategory: VATCategory?) throws(EInvoiceError) {
        let field = "BG-25[\(number)]"
        xml.start("ram:IncludedSupplyChainTradeLineItem")
        xml.start("ram:AssociatedDocumentLineDocument")
        xml.element("ram:LineID", String(number))
        xml.end()
        xml.start("ram:SpecifiedTradeProduct")
        xml.element("ram:Name", document.wording.line(line))
        xml.end()
        // The net price is never negative (BR-27): a line that credits has a negative quantity.
        guard let price = Amounts.unitPrice(line, negative: false) else {
            throw fail(field + "/BT-146", "the price does not fit in 11 digits")
        }
        xml.start("ram:SpecifiedLineTradeAgreement")
        xml.start("ram:NetPriceProductTradePrice")
        xml.element("ram:ChargeAmount", price)
        xml.end()
        xml.end()
        xml.start("ram:SpecifiedLineTradeDelivery")
        let quantity = line.amount.isNegative ? -line.quantity : line.quantity
        xml.element("ram:BilledQuantity", ["unitCode": "C62"], String(quantity))
        xml.end()
        xml.start("ram:SpecifiedLineTradeSettlement")
        let category = line.taxRate == .zero ? zeroCategory : VATCategory(code: "S")
        xml.start("ram:ApplicableTradeTax")
        xml.element("ram:TypeCode", "VAT")
        xml.element("ram:CategoryCode", category?.code ?? "S")
        if category?.hasRate ?? true { xml.element("ram:RateApplicablePercent", Amounts.rate(line.taxRate)) }
        xml.end()
        if let period = line.period {
            xml.start("ram:BillingSpecifiedPeriod")
            date("ram:StartDateTime", period.start)
            date("ram:EndDateTime", period.lastDay)
            xml.end()
        }
        xml.start("ram:SpecifiedTradeSettlementLineMonetarySummation")
        xml.element("ram:LineTotalAmount", try amount(line.amount, field + "/BT-131"))
        xml.end()
        xml.end()
        xml.end()
    }

    mutating func settlement(zeroCategory: VATCategory?) throws(EInvoiceError) {
        xml.start("ram:ApplicableHeaderTradeSettlement")
        xml.element("ram:InvoiceCurrencyCode", document.currency.code)
        for tax in document.totals.taxes {
            let category = tax.rate == .zero ? zeroCategory ?? VATCategory(code: "S") : VATCategory(code: "S")
            xml.start("ram:ApplicableTradeTax")
            xml.element("ram:CalculatedAmount", try amount(tax.tax, "BT-117"))
            xml.element("ram:TypeCode", "VAT")
            xml.element("ram:ExemptionReason", ifPresent: category.reason?.text)
            xml.element("ram:BasisAmount", try amount(tax.taxable, "BT-116"))
            xml.element("ram:CategoryCode", category.code)
            if let code = category.reason?.code, !code.isEmpty { xml.element("ram:ExemptionReasonCode", code) }
            if category.hasRate { xml.element("ram:RateApplicablePercent", Amounts.rate(tax.rate)) }
            xml.end()
        }
        if let payment = document.payment {
            xml.start("ram:SpecifiedTradePaymentTerms")
            xml.element("ram:Description", payment.terms.description)
            date("ram:DueDateDateTime", payment.dueDate)
            xml.end()
        }
        let totals = document.totals
        let due = document.payment?.amount ?? document.grandTotal
        xml.start("ram:SpecifiedTradeSettlementHeaderMonetarySummation")
        xml.element("ram:LineTotalAmount", try amount(totals.subtotal, "BT-106"))
        xml.element("ram:TaxBasisTotalAmount", try amount(totals.subtotal, "BT-109"))
        xml.element("ram:TaxTotalAmount", ["currencyID": document.currency.code], try amount(totals.taxTotal, "BT-110"))
        xml.element("ram:GrandTotalAmount", try amount(totals.total, "BT-112"))
        do {
            let prepaid = try totals.total.minus(due)
            if !prepaid.isZero { xml.element("ram:TotalPrepaidAmount", try amount(prepaid, "BT-113")) }
        } catch {
            throw fail("BT-113", "\(error)")
        }
        xml.element("ram:DuePayableAmount", try amount(due, "BT-115"))
        xml.end()
        if let corrected = document.corrected {
            xml.start("ram:InvoiceReferencedDocument")
            xml.element("ram:IssuerAssignedID", corrected.number.description)
            if let day = corrected.date { date("ram:FormattedIssueDateTime", day, qualified: true) }
            xml.end()
        }
        xml.end()
    }

    func amount(_ money: Money, _ field: String) throws(EInvoiceError) -> String {
        guard let text = Amounts.twoDecimals(money) else {
            throw fail(field, "\(money) cannot be written with 2 decimals")
        }
        return text
    }
}
