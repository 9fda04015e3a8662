import Documents
import Foundation
import LedgerprintTestSupport
import Testing

/// The archive's fingerprints now come from swift-crypto; every hash must stay what it was.
@Suite("SHA-256 from swift-crypto")
struct SwiftCryptoSHA256Tests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
        (String(repeating: "a", count: 1_000_000), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"),
    ])
    func knownVectorsOfFIPS180(message: String, digest: String) {
        #expect(SHA256.hex(Data(message.utf8)) == digest)
        #expect(SHA256.digest(Data(message.utf8)).count == 32)
    }

    /// The same file hashes as `sha256sum` printed for it, and as the hand-written code did.
    @Test func aFileHashesAsSha256sumSays() throws {
        let file = try Data(contentsOf: repositoryRoot.appendingPathComponent("Tests/CanvasTests/Fixtures/swatch.png"))
        #expect(SHA256.hex(file) == "ae5c35408f926af4ba82803b53e47de682de9a61c71f1114484a78d3b06543e6")
    }
}
