import Foundation

/// A file carried inside a PDF/A-3 and associated with the whole document (ISO 19005-3), such as
/// the `factur-x.xml` of a Factur-X / ZUGFeRD invoice.
///
/// ```swift
/// document.attachments = [PDFAttachment(name: "factur-x.xml", data: xml, mimeType: "text/xml",
///     description: "Factur-X invoice", relationship: "Alternative", metadata: .facturX(level: "EN 16931"))]
/// ```
public struct PDFAttachment: Sendable, Hashable {
    /// The file's name in the PDF (`/F`, `/UF`).
    public var name: String
    /// Its bytes, stored unfiltered.
    public var data: Data
    /// Its media type, such as `text/xml`.
    public var mimeType: String
    /// What it is, for a reader's attachment list (`/Desc`).
    public var description: String
    /// How it relates to the document (`/AFRelationship`): `Alternative`, `Data`, `Source`, `Supplement`.
    public var relationship: String
    /// The XMP properties that describe it, with their PDF/A extension schema, if any.
    public var metadata: XMPExtension?

    /// An attachment.
    public init(
        name: String,
        data: Data,
        mimeType: String,
        description: String,
        relationship: String,
        metadata: XMPExtension? = nil
    ) {
        self.name = name
        self.data = data
        self.mimeType = mimeType
        self.description = description
        self.relationship = relationship
        self.metadata = metadata
    }

    /// The media type as a PDF name: `text/xml` is `/text#2Fxml`.
    var mimeName: String {
        "/"
            + mimeType.utf8.map { byte in
                let safe =
                    (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                    || byte == 0x2D || byte == 0x2E
                if safe { return String(UnicodeScalar(byte)) }
                let hex = String(byte, radix: 16, uppercase: true)
                return "#" + (hex.count == 1 ? "0" + hex : hex)
            }.joined()
    }
}

/// Properties of a custom XMP namespace, with the PDF/A extension schema that declares them
/// (PDF/A allows only declared properties).
public struct XMPExtension: Sendable, Hashable {
    /// One property: its name, value and what it means.
    public struct Property: Sendable, Hashable {
        /// The property's name, such as `DocumentType`.
        public var name: String
        /// Its value, such as `INVOICE`.
        public var value: String
        /// What it means, in the schema's declaration.
        public var description: String

        /// A property.
        public init(name: String, value: String, description: String) {
            self.name = name
            self.value = value
            self.description = description
        }
    }

    /// The schema's name, such as "Factur-X PDFA Extension Schema".
    public var schema: String
    /// The namespace URI.
    public var namespace: String
    /// The prefix, such as `fx`.
    public var prefix: String
    /// The properties, in order.
    public var properties: [Property]

    /// An extension.
    public init(schema: String, namespace: String, prefix: String, properties: [Property]) {
        self.schema = schema
        self.namespace = namespace
        self.prefix = prefix
        self.properties = properties
    }

    /// The Factur-X properties of an invoice (`INVOICE`, `factur-x.xml`, version 1.0) at `level`,
    /// such as "EN 16931".
    public static func facturX(level: String, fileName: String = "factur-x.xml") -> Self {
        Self(
            schema: "Factur-X PDFA Extension Schema",
            namespace: "urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#",
            prefix: "fx",
            properties: [
                Property(
                    name: "DocumentType",
                    value: "INVOICE",
                    description: "The type of the hybrid document in capital letters, e.g. INVOICE or ORDER"
                ),
                Property(
                    name: "DocumentFileName",
                    value: fileName,
                    description: "The name of the embedded XML document"
                ),
                Property(
                    name: "Version",
                    value: "1.0",
                    description: "The actual version of the standard applying to the embedded XML document"
                ),
                Property(
                    name: "ConformanceLevel",
                    value: level,
                    description: "The conformance level of the embedded XML document"
                ),
            ]
        )
    }

    /// The declaration (inside `pdfaExtension:schemas`) and the values, as XMP.
    var declaration: String {
        let properties = self.properties.map { property in
            """
                          <rdf:li rdf:parseType="Resource">
                            <pdfaProperty:name>\(XMPPacket.escape(property.name))</pdfaProperty:name>
                            <pdfaProperty:valueType>Text</pdfaProperty:valueType>
                            <pdfaProperty:category>external</pdfaProperty:category>
                            <pdfaProperty:description>\(XMPPacket.escape(property.description))</pdfaProperty:description>
                          </rdf:li>
            """
        }.joined(separator: "\n")
        return """
                      <rdf:li rdf:parseType="Resource">
                        <pdfaSchema:schema>\(XMPPacket.escape(schema))</pdfaSchema:schema>
                        <pdfaSchema:namespaceURI>\(XMPPacket.escape(namespace))</pdfaSchema:namespaceURI>
                        <pdfaSchema:prefix>\(prefix)</pdfaSchema:prefix>
                        <pdfaSchema:property>
                          <rdf:Seq>
            \(properties)
                          </rdf:Seq>
                        </pdfaSchema:property>
                      </rdf:li>
            """
    }

    var values: String {
        let elements = properties.map {
            "      <\(prefix):\($0.name)>\(XMPPacket.escape($0.value))</\(prefix):\($0.name)>"
        }
        return """
                <rdf:Description rdf:about="" xmlns:\(prefix)="\(XMPPacket.escape(namespace))">
            \(elements.joined(separator: "\n"))
                </rdf:Description>
            """
    }
}
