import Testing

@testable import EInvoice

/// The XML writer never lets a value break the markup.
@Suite struct XMLWriterTests {
    @Test(arguments: [
        ("Soci & partner <srl>", false, "Soci &amp; partner &lt;srl&gt;"),
        ("a \"quoted\" 'name'", true, "a &quot;quoted&quot; &apos;name&apos;"),
        ("a \"quoted\" 'name'", false, "a \"quoted\" 'name'"),
        ("line\nbreak\ttab", true, "line&#10;break&#9;tab"),
        ("bell\u{07}", false, "bell\u{FFFD}"),
        ("]]> <![CDATA[", false, "]]&gt; &lt;![CDATA["),
    ])
    func valuesAreEscaped(value: String, inAttribute: Bool, written: String) {
        #expect(XMLWriter.escaped(value, inAttribute: inAttribute) == written)
    }

    @Test func elementsCloseInOrderAndTheDocumentClosesWhatIsOpen() {
        var xml = XMLWriter()
        xml.start("a", ["k": "v&"])
        xml.element("b", "1 < 2")
        xml.element("c", ifPresent: nil)
        xml.start("d")
        #expect(
            xml.document
                == "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<a k=\"v&amp;\">\n  <b>1 &lt; 2</b>\n  <d>\n  </d>\n</a>\n"
        )
    }
}
