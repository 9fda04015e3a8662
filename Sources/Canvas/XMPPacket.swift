import Foundation

/// The XMP metadata of a PDF/A file: the document information again, in the XML form PDF/A
/// requires, plus the `pdfaid` claim (part 3, conformance B).
///
/// Each value says exactly what the document information dictionary says (validators compare
/// them): title, author, subject, keywords, creator tool, producer, creation and modification date.
struct XMPPacket {
    var title: String
    var author: String
    var subject: String
    var keywords: String
    var creatorTool: String
    var producer: String
    /// The creation (and modification) date, `YYYY-MM-DDThh:mm:ssZ`.
    var date: String
    /// Custom properties (those of the attached files), each declared by its extension schema.
    var extensions: [XMPExtension] = []

    /// The packet, with its `xpacket` wrapper and no `bytes` attribute.
    var text: String {
        var description = ""
        func add(_ element: String) { description += "      " + element + "\n" }
        add("<dc:format>application/pdf</dc:format>")
        if !title.isEmpty {
            add("<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">\(Self.escape(title))</rdf:li></rdf:Alt></dc:title>")
        }
        if !author.isEmpty {
            add("<dc:creator><rdf:Seq><rdf:li>\(Self.escape(author))</rdf:li></rdf:Seq></dc:creator>")
        }
        if !subject.isEmpty {
            add(
                "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">\(Self.escape(subject))</rdf:li></rdf:Alt>"
                    + "</dc:description>"
            )
        }
        if !keywords.isEmpty { add("<pdf:Keywords>\(Self.escape(keywords))</pdf:Keywords>") }
        if !producer.isEmpty { add("<pdf:Producer>\(Self.escape(producer))</pdf:Producer>") }
        if !creatorTool.isEmpty { add("<xmp:CreatorTool>\(Self.escape(creatorTool))</xmp:CreatorTool>") }
        add("<xmp:CreateDate>\(date)</xmp:CreateDate>")
        add("<xmp:ModifyDate>\(date)</xmp:ModifyDate>")
        add("<pdfaid:part>3</pdfaid:part>")
        add("<pdfaid:conformance>B</pdfaid:conformance>")
        return """
            <?xpacket begin="\u{FEFF}" id="W5M0MpCehiHzreSzNTczkc9d"?>
            <x:xmpmeta xmlns:x="adobe:ns:meta/">
              <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
                <rdf:Description rdf:about=""
                    xmlns:dc="http://purl.org/dc/elements/1.1/"
                    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
                    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
                    xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
            \(description)    </rdf:Description>
            \(extensionBlocks)  </rdf:RDF>
            </x:xmpmeta>
            <?xpacket end="w"?>
            """
    }

    /// The extension schemas' declaration and their values, or nothing.
    private var extensionBlocks: String {
        guard !extensions.isEmpty else { return "" }
        return """
                <rdf:Description rdf:about=""
                    xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
                    xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"
                    xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
                  <pdfaExtension:schemas>
                    <rdf:Bag>
            \(extensions.map(\.declaration).joined(separator: "\n"))
                    </rdf:Bag>
                  </pdfaExtension:schemas>
                </rdf:Description>
            \(extensions.map(\.values).joined(separator: "\n"))

            """
    }

    static func escape(_ text: String) -> String {
        text.replacingASCII { byte in
            switch byte {
            case UInt8(ascii: "&"): "&amp;"
            case UInt8(ascii: "<"): "&lt;"
            case UInt8(ascii: ">"): "&gt;"
            default: nil
            }
        }
    }
}
