extension Statement {
    /// Issued invoices with something still owed on `date`, oldest first.
    static func unpaidInvoices(
        _ inputs: LedgerInputs,
        asOf date: CalendarDate,
        currency: Currency
    ) throws(BillingError)
        -> [UnpaidInvoice]
    {
        // What a credit note credits beyond what was owed on its invoice is account credit, not this invoice's.
        var credited: [DocumentNumber: Money] = [:]
        for note in inputs.creditNotes where note.number != nil && note.issueDate <= date {
            let applied = try note.grandTotal.minus(note.accountCreditAmount)
            credited[note.invoiceNumber] = try (credited[note.invoiceNumber] ?? .zero(currency)).plus(applied)
        }
        var outstanding: [DocumentNumber: Money] = [:]
        let invoices = inputs.invoices.filter { invoice in
            invoice.number != nil && invoice.issueDate <= date
        }.sorted { ($0.issueDate, $0.number?.sequence ?? 0) < ($1.issueDate, $1.number?.sequence ?? 0) }
        for invoice in invoices {
            guard let number = invoice.number else { continue }
            let owed = try invoice.amountDue.minus(credited[number] ?? .zero(currency))
            outstanding[number] = owed.isNegative ? .zero(currency) : owed
        }
        var unassigned = Money.zero(currency)
        for payment in inputs.payments where payment.receivedOn <= date {
            if let number = payment.invoiceNumber, let owed = outstanding[number] {
                let paid = try payment.amount.minimum(owed)
                outstanding[number] = try owed.minus(paid)
                unassigned = try unassigned.plus(payment.amount.minus(paid))
            } else {
                unassigned = try unassigned.plus(payment.amount)
            }
        }
        var result: [UnpaidInvoice] = []
        for invoice in invoices {
            guard let number = invoice.number, var owed = outstanding[number], owed.isPositive else { continue }
            let applied = try unassigned.minimum(owed)
            owed = try owed.minus(applied)
            unassigned = try unassigned.minus(applied)
            guard owed.isPositive else { continue }
            result.append(
                UnpaidInvoice(
                    number: number,
                    issueDate: invoice.issueDate,
                    dueDate: invoice.dueDate,
                    outstanding: owed,
                    daysPastDue: invoice.dueDate.days(until: date)
                )
            )
        }
        return result
    }

    static func aging(of unpaid: [UnpaidInvoice], currency: Currency) throws(BillingError) -> AgingBuckets {
        var buckets = AgingBuckets(
            current: .zero(currency),
            days1to30: .zero(currency),
            days31to60: .zero(currency),
            days61to90: .zero(currency),
            over90: .zero(currency)
        )
        for invoice in unpaid {
            switch invoice.daysPastDue {
            case ...0: buckets.current = try buckets.current.plus(invoice.outstanding)
            case 1...30: buckets.days1to30 = try buckets.days1to30.plus(invoice.outstanding)
            case 31...60: buckets.days31to60 = try buckets.days31to60.plus(invoice.outstanding)
            case 61...90: buckets.days61to90 = try buckets.days61to90.plus(invoice.outstanding)
            default: buckets.over90 = try buckets.over90.plus(invoice.outstanding)
            }
        }
        return buckets
    }
}
