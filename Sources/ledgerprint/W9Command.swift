import ArgumentParser
import Billing
import Documents
import Foundation
import HistoryStore

struct W9Command: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "w9",
        abstract: "Tax-form requests: file them, list them, print the packet.",
        subcommands: [Request.self, List.self, Print.self]
    )

    struct Request: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "request",
            abstract: "Files a request for the vendor's W-9, a vendor form or a regional form.",
            discussion: """
                Users of corporate accounts and vendor representatives may file one; Corporate Account Services \
                handles tax forms for corporate accounts, so a self-service account's user is refused (exit 77). \
                A regional form names its region (a country, or a state within it) and the form.

                Examples:
                  ledgerprint w9 request GLOBEX-US --form w9 --details "W-9 for our vendor file" --as ap@globex.example
                  ledgerprint w9 request GLOBEX-US --form vendor-form --details "supplier onboarding" --as ap@globex.example
                  ledgerprint w9 request GLOBEX-US --form regional-form --region US-CA --form-name "Form 590" --details "CA withholding exemption" --as ap@globex.example
                """
        )
        @OptionGroup var options: StoreOptions
        @Argument(help: "The account id.") var account: String
        @Option(help: "w9, vendor-form or regional-form.") var form: W9FormType
        @Option(help: "What is needed.") var details: String
        @Option(help: "The request's reference (default: W9-YEAR-NNNN).") var id: String?
        @Option(help: "For a regional form: the country (IT) or the state within it (US-CA).") var region: String?
        @Option(name: .customLong("form-name"), help: "For a regional form: the form's name, such as \"Form 590\".")
        var formName: String?

        func run() throws {
            try ledgerprint.run {
                let store = try options.existingStore()
                let today = try options.date()
                let count = try store.w9Requests(accountID: nil).count
                let reference = id ?? "W9-\(today.year)-\(String(format: "%04d", count + 1))"
                var regional: RegionalForm?
                if region != nil || formName != nil {
                    regional = try RegionalForm(region: region ?? "", name: formName ?? "")
                }
                try store.apply(
                    StoreEvent(
                        date: today,
                        actor: try options.who(),
                        action: .requestW9(
                            requestID: reference,
                            accountID: account,
                            formType: form,
                            details: details,
                            regionalForm: regional
                        )
                    )
                )
                print("filed request \(reference)")
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "Lists tax-form requests.",
            discussion: "Example:\n  ledgerprint w9 list --format csv"
        )
        @OptionGroup var options: StoreOptions
        @Option(help: "Only this account.") var account: String?
        @Option(help: "table, csv or json.") var format: ListingFormat = .table

        func run() throws {
            try ledgerprint.run {
                let rows = try options.existingStore().w9Requests(accountID: account).map { request in
                    [
                        request.id, request.accountID,
                        request.formType.rawValue + (request.regionalForm.map { " \($0.region): \($0.name)" } ?? ""),
                        request.requester.email,
                        request.submittedOn.description,
                        request.status.rawValue, request.fulfilledOn?.description ?? "",
                    ]
                }
                Listing.print(
                    ["Request", "Account", "Form", "Requester", "Submitted", "Status", "Fulfilled"],
                    rows,
                    as: format
                )
            }
        }
    }

    struct Print: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "print",
            abstract:
                "Prints the packet of a tax-form request (W-9, vendor form or regional form) and marks it fulfilled.",
            discussion: """
                Each form type prints its own packet: the W-9 packet (cover letter and Form W-9), the vendor form \
                (registration, remittance and bank details, contacts, signature block) or the regional form (a \
                cover letter with the vendor's registration data for the form's region).

                Example:
                  ledgerprint w9 print W9-2026-0001 --as rep:Marco -o w9-globex.pdf
                """
        )
        @OptionGroup var options: StoreOptions
        @OptionGroup var printing: PrintOptions
        @Argument(help: "The request's reference.") var request: String
        @Option(help: "pdf or html.") var format: DocumentFormat = .pdf
        @Option(name: .shortAndLong, help: "The file to write.") var output: String?
        @Flag(help: "Replace an existing file with other content.") var force = false

        func run() throws {
            try ledgerprint.run {
                let store = try options.existingStore()
                let printer = try Printing(store: store, options: printing)
                var value = try store.w9Request(request)
                let today = try options.date()
                let account = try store.account(value.accountID)
                // The packet's kind (w9-packet, vendor-form, regional-form) names its file.
                let kind = PrintableDocument.w9Packet(value, vendor: printer.vendor, account: account, issuedOn: today)
                    .kind
                let url = OutputFiles.url(
                    output ?? OutputFiles.safeName([kind, request, account.id], extension: format.rawValue)
                )
                // The request is marked fulfilled only if the packet can then be written (D14).
                try OutputFiles.checkWritable(url)
                if value.status == .requested, !force {
                    try refuseOtherContent(at: url, value.fulfilled(on: today), account: account, printer: printer)
                }
                if value.status == .requested {
                    try store.apply(
                        StoreEvent(date: today, actor: try options.who(), action: .fulfilW9(requestID: request))
                    )
                    value = try store.w9Request(request)
                }
                let document = PrintableDocument.w9Packet(
                    value,
                    vendor: printer.vendor,
                    account: account,
                    issuedOn: value.fulfilledOn ?? today
                )
                _ = try printer.write(
                    document,
                    reference: request,
                    accountID: account.id,
                    format: format,
                    to: url,
                    force: force
                )
                OutputFiles.report(
                    "wrote \(OutputFiles.name(url)); request \(request) fulfilled on \(value.fulfilledOn?.description ?? today.description)",
                    writing: url
                )
            }
        }

        /// Fails before the request is marked fulfilled if `url` is a file with other content than
        /// the packet of `fulfilled` would have (the write would then be refused for want of --force).
        private func refuseOtherContent(
            at url: URL,
            _ fulfilled: W9Request,
            account: Account,
            printer: Printing
        ) throws {
            var info = stat()
            guard url != OutputFiles.standardOutput, stat(url.path, &info) == 0, info.st_mode & S_IFMT == S_IFREG,
                let existing = FileManager.default.contents(atPath: url.path)
            else { return }
            let packet = PrintableDocument.w9Packet(
                fulfilled,
                vendor: printer.vendor,
                account: account,
                issuedOn: fulfilled.fulfilledOn ?? fulfilled.submittedOn
            )
            guard try printer.renderer.render(packet, as: format, language: printer.language).data != existing else {
                return
            }
            throw Failure(
                .invalidInput,
                "\(url.path) exists with other content; use --force to replace it; nothing was changed"
            )
        }
    }
}
