import Billing
import Testing

@Suite("Who acts: actors and e-mail addresses")
struct ActorTests {
    @Test(arguments: [
        ("anna@example.com", Actor.user(email: "anna@example.com")),
        ("  Anna@Example.COM\t", .user(email: "anna@example.com")),
        ("rep:Giulia Bianchi", .representative(name: "Giulia Bianchi")),
        ("REP: Giulia ", .representative(name: "Giulia")),
        ("system", .system),
        (" system ", .system),
        ("\u{00A0}anna@example.com", .user(email: "anna@example.com")),
    ])
    func theCommandLineFormsAreRead(text: String, actor: Actor) throws {
        #expect(try Actor(parsing: text) == actor)
    }

    @Test(arguments: ["", "rep:", "rep:  ", "re:anna", "System", "anna", "anna@", "@example.com", "anna@example"])
    func anythingElseIsRefusedSayingWhatWouldDo(text: String) {
        #expect {
            try Actor(parsing: text)
        } throws: { error in
            "\(error)".contains("rep:NAME")
        }
    }

    @Test(arguments: [
        ("anna@example.com", true),
        ("a@b.c", true),
        ("anna.rossi@mail.example.it", true),
        ("anna@@example.com", false),
        ("anna@exa@mple.com", false),
        ("@example.com", false),
        ("anna@.example.com", false),
        ("anna@example.com.", false),
        ("anna@example", false),
        ("anna rossi@example.com", false),
        ("anna.rossi@example", false),
        ("", false),
    ])
    func anEmailNeedsOneAtANameAndADottedDomain(text: String, plausible: Bool) {
        #expect(Contact.isPlausibleEmail(text) == plausible)
    }
}
