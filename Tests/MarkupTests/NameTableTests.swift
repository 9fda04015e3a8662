import Markup
import Testing

@Suite("Attribute tables")
struct NameTableTests {
    @Test func readsSetsAndRemovesLikeADictionary() {
        var table: NameTable<String> = ["class": "amount", "colspan": "2"]
        #expect(table["class"] == "amount")
        #expect(table["id"] == nil)
        table["class"] = "total"
        table["id"] = "due"
        table["colspan"] = nil
        #expect(table.count == 2)
        #expect(table["class"] == "total" && table["id"] == "due" && table["colspan"] == nil)
        #expect(table.map(\.key) == ["class", "id"], "kept in the order set")
    }

    @Test func equalityAndHashDoNotDependOnOrder() {
        let one: NameTable<String> = ["a": "1", "b": "2"]
        let other: NameTable<String> = ["b": "2", "a": "1"]
        #expect(one == other)
        #expect(one.hashValue == other.hashValue)
        #expect(one != ["a": "1", "b": "3"])
        #expect(one != ["a": "1"])
    }
}
