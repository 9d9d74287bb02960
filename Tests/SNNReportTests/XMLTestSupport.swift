import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import XCTest

/// One parsed element: its name, attributes and direct text.
struct ParsedElement {
    var name: String
    var attributes: [String: String]
    var text: String
}

/// Parses `markup` as XML; fails the test (and returns nil) when it is not well-formed.
func parseXML(_ markup: String, file: StaticString = #filePath, line: UInt = #line) -> [ParsedElement]? {
    final class Collector: NSObject, XMLParserDelegate {
        var elements: [ParsedElement] = []
        var stack: [Int] = []
        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
            stack.append(elements.count)
            elements.append(ParsedElement(name: elementName, attributes: attributeDict, text: ""))
        }
        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?) {
            stack.removeLast()
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if let i = stack.last { elements[i].text += string }
        }
    }
    let parser = XMLParser(data: Data(markup.utf8))
    let collector = Collector()
    parser.delegate = collector
    guard parser.parse() else {
        XCTFail("not well-formed XML: \(parser.parserError.map { "\($0)" } ?? "unknown error")", file: file, line: line)
        return nil
    }
    return collector.elements
}

extension Array where Element == ParsedElement {
    /// Elements whose `class` attribute contains `name` as a word.
    func withClass(_ name: String) -> [ParsedElement] {
        filter { ($0.attributes["class"] ?? "").split(separator: " ").contains(Substring(name)) }
    }

    func named(_ name: String) -> [ParsedElement] { filter { $0.name == name } }

    /// The text of every `<text>` element.
    var texts: [String] { named("text").map(\.text) }
}

/// The coordinates in an SVG path's `d` attribute made of M/L/Z commands and `h0` dots, in order.
func pathNumbers(_ d: String) -> [Double] {
    d.replacingOccurrences(of: "h0", with: " ").split(whereSeparator: { "MLZ ".contains($0) }).compactMap { Double($0) }
}
