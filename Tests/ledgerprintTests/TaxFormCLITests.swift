import Foundation
import LedgerprintTestSupport
import Testing

@Suite("ledgerprint w9: who may file, and a packet per form type")
struct TaxFormCLITests {
    @Test func aSelfServiceUserGetsTheSeedsAnswerAndNothingIsFiled() throws {
        let cli = try CLI()
        defer { cli.remove() }
        try cli.importSamples()
        let refused = try cli.run([
            "w9", "request", "ROSSI-IT", "--form", "w9", "--details", "W-9 please", "--as",
            "anna.bianchi@studiorossi.example",
        ])
        #expect(refused.status == 77)
        #expect(
            refused.error.contains(
                "tax forms (W-9, vendor and regional forms) are provided by Corporate Account Services"
            )
        )
        #expect(!(try cli.run(["w9", "list"]).output.contains("ROSSI-IT")))
        // A representative may file one for any account.
        let filed = try cli.run([
            "w9", "request", "ROSSI-IT", "--form", "w9", "--details", "W-9 please", "--as", "rep:Marco Neri",
        ])
        #expect(filed.status == 0, "\(filed.error)")
    }

    @Test func eachFormTypePrintsItsOwnPacket() throws {
        let cli = try CLI()
        defer { cli.remove() }
        try cli.importSamples()
        let user = ["--as", "ap@globexlearning.example"]
        #expect(
            try cli.run(
                ["w9", "request", "GLOBEX-US", "--form", "vendor-form", "--details", "onboarding", "--id", "W9-V"]
                    + user
            ).status == 0
        )
        let regional = try cli.run(
            [
                "w9", "request", "GLOBEX-US", "--form", "regional-form", "--region", "US-CA", "--form-name", "Form 590",
                "--details", "CA exemption", "--id", "W9-R",
            ] + user
        )
        #expect(regional.status == 0, "\(regional.error)")
        #expect(try cli.run(["w9", "list"]).output.contains("regional-form US-CA: Form 590"))
        func text(_ request: String) throws -> String {
            let printed = try cli.run([
                "w9", "print", request, "--as", "rep:Marco Neri", "-o", cli.path("\(request).pdf"),
            ])
            #expect(printed.status == 0, "\(printed.error)")
            return try poppler("pdftotext", on: Data(contentsOf: URL(fileURLWithPath: cli.path("\(request).pdf"))))
        }
        let vendorForm = try text("W9-V")
        for expected in [
            "VENDOR FORM", "Registration", "Remittance and bank details", "Contacts", "Signature",
            "Jordan Lee, Chief Financial Officer", "46-2817395",
        ] {
            #expect(vendorForm.contains(expected), "\(expected)")
        }
        #expect(!vendorForm.contains("Form W-9 (Rev. March 2024)"))
        let regionalForm = try text("W9-R")
        for expected in [
            "REGIONAL FORM", "Form 590 (United States, US-CA)", "Registration data for United States, US-CA",
        ] {
            #expect(regionalForm.contains(expected), "\(expected)")
        }
        // The EIN is in the letterhead and the region's data; the Italian VAT number in the letterhead only.
        #expect(regionalForm.components(separatedBy: "46-2817395").count - 1 == 2)
        #expect(regionalForm.components(separatedBy: "39182740587").count - 1 == 1)
        let w9 = try text("W9-2025-0007")
        #expect(w9.contains("Form W-9 (Rev. March 2024)"))
        let missing = try cli.run(
            ["w9", "request", "GLOBEX-US", "--form", "regional-form", "--details", "x", "--id", "W9-X"] + user
        )
        #expect(missing.status == 65)
        #expect(missing.error.contains("the region and the form's name"))
    }
}
