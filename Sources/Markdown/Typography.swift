/// Russian typography for text that comes from content, after «Справочник издателя и автора»
/// (А. Э. Мильчин, Л. К. Чельцова), chapters on spaces, dashes and quotes:
/// - a non-breaking space after «№», «§», one- and two-letter prepositions, conjunctions and
///   particles, and abbreviations such as «г.», «ул.», «им.»;
/// - a non-breaking space before a dash set off by spaces, and a spaced hyphen becomes «—»;
/// - a non-breaking space between a number and its unit, «%», a month or «из»
///   («10 %», «10 сентября», «40 из 470»);
/// - numbers of five digits and more grouped by a narrow non-breaking space («12 000 человек»);
/// - an en dash in ranges of numbers, months and Roman numerals («10–19», «ноябрь–декабрь»);
/// - «ёлочки» for straight quotes, „лапки“ inside them; «…» for three dots.
///
/// Only ever applied to text: Markdown text nodes (never code, link targets or raw HTML) and
/// the text values of page data (never URLs, ids, keys or HTML). It is idempotent: a text
/// already set stays as it is.
public struct Typographer {
    /// Quote nesting and the last character seen, carried across the text nodes of one block
    /// («"**Точка роста**"» opens and closes in different nodes).
    private var depth = 0
    private var last: Unicode.Scalar? = nil

    public init() {}

    public static func apply(_ text: String) -> String {
        var t = Typographer()
        return t.process(text)
    }

    /// Quick test over the bytes: a text needs work only if it has a quote, a hyphen, a dot,
    /// a digit, a dash or «№» (E2 …), «§» (C2 A7), or a word of one or two letters. Names,
    /// most titles and many sentences of a long body pass untouched.
    private static func needsWork(_ text: String) -> Bool {
        var letters = 0
        for b in text.utf8 {
            switch b {
            case 0x22, 0x2D, 0x2E, 0x30...0x39, 0xE2, 0xC2: return true
            case 0x41...0x5A, 0x61...0x7A, 0xD0, 0xD1: letters += 1   // a letter starts (Cyrillic: its lead byte)
            case 0x80...0xBF: break                                        // continuation of a letter
            default:
                if letters == 1 || letters == 2 { return true }
                letters = 0
            }
        }
        return letters == 1 || letters == 2
    }

    public mutating func process(_ text: String) -> String {
        guard Self.needsWork(text) else {
            if let l = text.unicodeScalars.last { last = l }
            return text
        }
        var tokens = Self.tokenize(text)
        quotes(&tokens)
        spaces(&tokens)
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 16)
        for token in tokens { Self.append(token.text, to: &out) }
        return String(decoding: out, as: UTF8.self)
    }

    // MARK: - Tokens

    private enum Kind { case word, number, space, other }

    /// A run of one kind, as a slice of the text's scalars: tokens cost no allocation of their
    /// own; only a replaced one gets new storage.
    private struct Token {
        var kind: Kind
        var text: ArraySlice<Unicode.Scalar>
        var string: String { Typographer.string(text) }
        var lower: String { string.lowercased() }
        /// A word of up to three letters, lowercased, as one number (0 for a longer one): the
        /// checks of every space against short words, particles and abbreviations then make
        /// no string.
        var key: UInt64 { Typographer.key(text) }
        var first: Unicode.Scalar? { text.first }
        func `is`(_ s: Unicode.Scalar) -> Bool { kind == .other && text.count == 1 && text.first == s }
    }

    /// Scalars encoded straight to UTF-8: building a `String.UnicodeScalarView` instead takes the
    /// standard library's generic paths (a third of the typesetting of a bank's 15,000 bodies).
    private static func append(_ scalars: ArraySlice<Unicode.Scalar>, to out: inout [UInt8]) {
        for scalar in scalars { UTF8.encode(scalar) { out.append($0) } }
    }

    static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(scalars.count * 2)
        append(scalars, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    private static func kind(of s: Unicode.Scalar) -> Kind {
        switch s.value {
        case 0x20: return .space
        case 0x30...0x39: return .number
        case 0x41...0x5A, 0x61...0x7A, 0x0400...0x04FF: return .word
        case 0...0x7F: return .other
        default: return s.properties.isAlphabetic ? .word : .other
        }
    }

    private static func tokenize(_ text: String) -> [Token] {
        var tokens: [Token] = []
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars { scalars.append(scalar) }
        // Three dots are one character.
        var i = 0
        while i + 2 < scalars.count {
            if scalars[i] == ".", scalars[i + 1] == ".", scalars[i + 2] == ".", i + 3 >= scalars.count || scalars[i + 3] != ".",
               i == 0 || scalars[i - 1] != "." {
                scalars.replaceSubrange(i...(i + 2), with: ["\u{2026}"])
            }
            i += 1
        }
        tokens.reserveCapacity(scalars.count / 3 + 1)
        var start = 0
        while start < scalars.count {
            let k = kind(of: scalars[start])
            var end = start + 1
            if k != .other { while end < scalars.count, kind(of: scalars[end]) == k { end += 1 } }
            tokens.append(Token(kind: k, text: scalars[start..<end]))
            start = end
        }
        return tokens
    }

    // MARK: - Quotes

    private static let opensAfter: Set<Unicode.Scalar> = ["(", "[", "{", "«", "„", "—", "–", "-", "/", "\u{00A0}", "\n", "\t"]

    private mutating func quotes(_ tokens: inout [Token]) {
        for i in tokens.indices {
            let token = tokens[i]
            defer { if let l = tokens[i].text.last { last = l } }
            guard token.kind == .other, token.text.count == 1, let scalar = token.first else { continue }
            switch scalar {
            case "«": depth += 1
            case "»": depth = max(0, depth - 1)
            case "\"":
                let opening = last == nil || last == " " || Self.opensAfter.contains(last!)
                if opening {
                    tokens[i].text = [depth == 0 ? "«" : "„"][...]
                    depth += 1
                } else {
                    tokens[i].text = [depth >= 2 ? "\u{201C}" : "»"][...]
                    depth = max(0, depth - 1)
                }
            default: break
            }
        }
    }

    // MARK: - Spaces and dashes

    static let shortWords: Set<String> = [
        "а", "в", "и", "к", "о", "с", "у", "я",
        "во", "да", "до", "за", "из", "ко", "на", "не", "ни", "но", "об", "от", "по", "со", "их", "ее", "её",
    ]
    /// Particles that lean on the word before them.
    static let particles: Set<String> = ["же", "ж", "ли", "ль", "бы", "б"]
    static let abbreviations: Set<String> = ["г", "гг", "ул", "д", "им", "т", "стр", "рис", "см", "пос", "с", "п", "пр", "кв", "каб", "тел"]
    static let months: Set<String> = [
        "января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря",
    ]
    static let monthStems = ["январ", "феврал", "март", "апрел", "июн", "июл", "август", "сентябр", "октябр", "ноябр", "декабр"]
    static let units: Set<String> = [
        "из", "г", "гг", "год", "года", "году", "лет", "человек", "чел", "руб", "р", "тыс", "млн", "млрд", "кг", "км", "м",
        "см", "мм", "ч", "час", "часа", "часов", "мин", "минут", "сек", "шт", "раз", "раза", "балл", "балла", "баллов",
        "класс", "класса", "классов", "классе", "классы", "день", "дня", "дней", "неделя", "недели", "недель",
        "месяц", "месяца", "месяцев", "кв", "квартал", "квартала", "участник", "участника", "участников",
        "наставник", "наставника", "наставников", "педагог", "педагога", "педагогов", "обучающийся", "обучающихся",
        "школьник", "школьника", "школьников", "ученик", "ученика", "учеников", "пар", "пары",
    ]

    private static func isMonth(_ word: String) -> Bool {
        let w = word.lowercased()
        return ["май", "мая", "мае", "маю"].contains(w) || monthStems.contains { w.hasPrefix($0) }
    }

    private static func isRoman(_ word: String) -> Bool {
        !word.isEmpty && word.unicodeScalars.allSatisfy { "IVX".unicodeScalars.contains($0) }
    }

    static func key<C: Collection>(_ scalars: C) -> UInt64 where C.Element == Unicode.Scalar {
        guard scalars.count <= 3 else { return 0 }
        var out: UInt64 = 0
        for s in scalars {
            var v = s.value
            switch v {
            case 0x41...0x5A, 0x410...0x42F: v += 0x20
            case 0x401: v = 0x451
            default: break
            }
            out = out << 21 | UInt64(v)
        }
        return out
    }

    private static func keys(_ words: Set<String>) -> Set<UInt64> { Set(words.map { key($0.unicodeScalars) }.filter { $0 != 0 }) }
    private static let shortWordKeys = keys(shortWords)
    private static let particleKeys = keys(particles)
    private static let abbreviationKeys = keys(abbreviations)
    private static let dKey = key("д".unicodeScalars), pKey = key("п".unicodeScalars), tKey = key("т".unicodeScalars)

    private static let nbsp: ArraySlice<Unicode.Scalar> = ["\u{00A0}"]
    private static let thin: Unicode.Scalar = "\u{202F}"

    private func spaces(_ t: inout [Token]) {
        func at(_ i: Int) -> Token? { t.indices.contains(i) ? t[i] : nil }
        for i in t.indices {
            switch t[i].kind {
            case .space:
                guard t[i].text.count == 1 else { continue }
                let prev = at(i - 1), next = at(i + 1)
                var bind = false
                if let p = prev {
                    // «в школе» binds, the «о» of «№ 45-о» does not.
                    if p.kind == .word, p.text.count <= 2, Self.shortWordKeys.contains(p.key),
                       at(i - 2).map({ !$0.is("-") && !$0.is(".") && $0.kind != .number }) ?? true { bind = true }
                    if p.is("№") || p.is("§") { bind = true }
                    // «г. Слободской», «т. е.», but not the end of «и т. д.» before the next sentence.
                    if p.is("."), let w = at(i - 2), w.kind == .word, Self.abbreviationKeys.contains(w.key),
                       at(i - 3).map({ $0.kind != .word && $0.kind != .number }) ?? true,
                       !((w.key == Self.dKey || w.key == Self.pKey) && at(i - 4)?.is(".") == true && at(i - 5)?.key == Self.tKey) { bind = true }
                    if p.kind == .number, let n = next {
                        if n.is("%") || n.is("‰") || n.is("₽") { bind = true }
                        // «2024 г.» is a year, but in «СОШ № 21 г. Кирова» the «г.» is a town.
                        if n.kind == .word, Self.units.contains(n.lower) || Self.months.contains(n.lower),
                           !(["г", "гг"].contains(n.lower) && p.text.count != 4) { bind = true }
                    }
                }
                if let n = next, n.is("—") || n.is("–"), prev != nil { bind = true }
                if let n = next, n.kind == .word, n.text.count <= 2, Self.particleKeys.contains(n.key), prev?.kind == .word,
                   at(i + 2).map({ $0.kind != .word }) ?? true { bind = true }
                if bind { t[i].text = Self.nbsp }
            case .other where t[i].is("-"):
                let prev = at(i - 1), next = at(i + 1)
                if prev?.kind == .space, next?.kind == .space, i >= 2 {
                    // A hyphen set off by spaces is a dash.
                    t[i].text = ["—"][...]
                    t[i - 1].text = Self.nbsp
                } else if let p = prev, let n = next, isRange(p, n, before: at(i - 2), after: at(i + 2), beforeThat: at(i - 3), afterThat: at(i + 3)) {
                    t[i].text = ["–"][...]
                }
            case .number where t[i].text.count >= 5:
                // Thousands are grouped only in quantities: a number followed by a word or «%»,
                // never a code, a postal index, a phone or a document number.
                guard let n = at(i + 1), n.kind == .space || n.text.elementsEqual(Self.nbsp), let w = at(i + 2),
                      (w.kind == .word && w.lower == w.string) || w.is("%") else { continue }
                if let p = at(i - 1), p.kind != .space, !p.text.elementsEqual(Self.nbsp), !p.is("(") { continue }
                if let p = at(i - 2), p.is("№") || p.is("-") || p.is("+") { continue }
                // «ОГРН 1024300000000», «ИНН …»: a number after a code's name is a code.
                if let p = at(i - 2), p.kind == .word, p.text.count >= 2, p.text.allSatisfy({ $0.properties.isUppercase }) { continue }
                var grouped: [Unicode.Scalar] = []
                let digits = t[i].text
                for (k, d) in digits.enumerated() {
                    if k > 0, (digits.count - k) % 3 == 0 { grouped.append(Self.thin) }
                    grouped.append(d)
                }
                t[i].text = grouped[...]
            default: break
            }
        }
    }

    /// `10-19`, `2020-2024`, `ноябрь-декабрь`, `I-II`: but not a chain (`4-12-34`, `2019-12-25`),
    /// a code (`Р-145`) or a document number (`№ 12-34`).
    private func isRange(_ p: Token, _ n: Token, before: Token?, after: Token?, beforeThat: Token?, afterThat: Token?) -> Bool {
        // A hyphen, slash or dash next to the pair makes it a chain; a dot, comma or colon only
        // when it joins digits (`25.12.2019-…`, `1-2.5`), not when it ends the sentence.
        let chain: Set<Unicode.Scalar> = ["-", "/", "–"]
        let joiners: Set<Unicode.Scalar> = [".", ",", ":"]
        if let b = before, b.kind == .other, b.text.count == 1, let c = b.first, chain.contains(c) || b.is("№") { return false }
        if let b = before, b.kind == .other, b.text.count == 1, let c = b.first, joiners.contains(c), p.kind == .number { return false }
        if let b = before, b.kind == .word || b.kind == .number { return false }
        if let a = after, a.kind == .other, a.text.count == 1, let c = a.first, chain.contains(c) { return false }
        if let a = after, a.kind == .other, a.text.count == 1, let c = a.first, joiners.contains(c), n.kind == .number, afterThat?.kind == .number { return false }
        if let a = after, a.kind == .word || a.kind == .number { return false }
        if before?.kind == .space || before.map { $0.text.elementsEqual(Self.nbsp) } == true, let bt = beforeThat, bt.is("№") { return false }
        if p.kind == .number, n.kind == .number { return p.text.count <= 4 && n.text.count <= 4 }
        if p.kind == .word, n.kind == .word {
            let a = p.string, b = n.string
            return (Self.isMonth(a) && Self.isMonth(b)) || (Self.isRoman(a) && Self.isRoman(b))
        }
        return false
    }
}

extension Typographer {
    /// The same rules on the prose of an HTML template: text between tags only, never inside
    /// a tag (attributes), a `{{…}}` tag, or `<script>`, `<style>`, `<pre>`, `<code>`,
    /// `<textarea>`. A theme's own words («Перейти к содержанию», «цель и факт по годам») then
    /// read like the content around them.
    public static func template(_ source: String) -> String {
        let scalars = Array(source.unicodeScalars)
        var out = String.UnicodeScalarView()
        out.reserveCapacity(scalars.count)
        var typographer = Typographer()
        var text = String.UnicodeScalarView()
        var skipUntil: String? = nil
        func flush() {
            guard !text.isEmpty else { return }
            out.append(contentsOf: typographer.process(String(text)).unicodeScalars)
            text.removeAll()
        }
        func starts(_ prefix: String, at i: Int) -> Bool {
            var j = i
            for p in prefix.unicodeScalars {
                guard j < scalars.count, scalars[j].properties.lowercaseMapping == String(p) || scalars[j] == p else { return false }
                j += 1
            }
            return true
        }
        var i = 0
        while i < scalars.count {
            let s = scalars[i]
            if s == "{", i + 1 < scalars.count, scalars[i + 1] == "{" {
                // A Mustache tag is copied as it is; it also ends a run of text.
                flush()
                var j = i + 2
                while j + 1 < scalars.count, !(scalars[j] == "}" && scalars[j + 1] == "}") { j += 1 }
                j = min(scalars.count, j + 2)
                if j < scalars.count, scalars[j] == "}" { j += 1 }
                out.append(contentsOf: scalars[i..<j])
                i = j
                continue
            }
            if s == "<" {
                flush()
                if let end = skipUntil {
                    if starts(end, at: i) { skipUntil = nil }
                } else {
                    for name in ["script", "style", "pre", "code", "textarea"] where starts("<" + name, at: i) {
                        let next = i + name.count + 1
                        if next < scalars.count, scalars[next] == ">" || scalars[next] == "/" || scalars[next].properties.isWhitespace {
                            skipUntil = "</" + name
                        }
                    }
                }
                // The tag ends at a `>` outside quoted values and `{{…}}`: `title="1 > 0"`,
                // `{{> partial}}` inside a tag do not end it.
                var j = i + 1
                var quote: Unicode.Scalar? = nil
                while j < scalars.count {
                    let c = scalars[j]
                    if let q = quote {
                        if c == q { quote = nil }
                    } else if c == "\"" || c == "'" {
                        quote = c
                    } else if c == "{", j + 1 < scalars.count, scalars[j + 1] == "{" {
                        j += 2
                        while j + 1 < scalars.count, !(scalars[j] == "}" && scalars[j + 1] == "}") { j += 1 }
                        j += 1
                    } else if c == ">" {
                        break
                    }
                    j += 1
                }
                j = min(scalars.count, j + 1)
                out.append(contentsOf: scalars[i..<j])
                i = j
                continue
            }
            if skipUntil != nil { out.append(s) } else { text.append(s) }
            i += 1
        }
        flush()
        return String(out)
    }
}
