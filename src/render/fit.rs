//! Fitting text into a limited space, for any front end (Discord's length
//! limits, the chart's labels): cutting long text at the most natural
//! boundary available (a paragraph break, then a line break, then a
//! sentence end, then a space), and capitalizing a label. Only a single
//! word longer than the limit is ever cut mid-word.
//!
//! Lengths are counted in `char`s (Unicode scalar values), as Discord
//! counts them, not in bytes.

/// How good a break is; lower is better. The order is the order of
/// preference: a paragraph break keeps whole paragraphs together, a line
/// break keeps Markdown list items whole, a sentence end keeps sentences
/// whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Break {
    Paragraph,
    Line,
    Sentence,
    Space,
}

const BREAKS: usize = 4;

/// Split `text` into pieces of at most `max` characters (chars, i.e.
/// Unicode scalar values — Discord counts characters), preferring, in
/// order: paragraph breaks (blank lines), line breaks, sentence ends (".",
/// "?" or "!" followed by a space), then spaces; a single word longer than
/// `max` is the only case cut mid-word (hard cut at a char boundary).
///
/// Pieces are trimmed of leading and trailing whitespace; there are no
/// empty pieces; the concatenation of the pieces keeps every non-whitespace
/// char of `text`, in order. Each piece is as long as it can be while
/// ending at the best kind of break within reach. `max == 0` gives no
/// pieces.
pub fn split_text(text: &str, max: usize) -> Vec<String> {
    let mut pieces = Vec::new();
    if max == 0 {
        return pieces;
    }
    let chars: Vec<char> = text.chars().collect();
    // Trailing whitespace would only ever become an empty piece.
    let end = chars
        .iter()
        .rposition(|c| !c.is_whitespace())
        .map_or(0, |i| i + 1);
    let mut start = skip_whitespace(&chars, 0, end);
    while start < end {
        if end - start <= max {
            pieces.push(chars[start..end].iter().collect());
            break;
        }
        let cut =
            best_break(&chars, start, end, max).unwrap_or_else(|| hard_cut(&chars, start, max));
        pieces.push(chars[start..cut].iter().collect());
        start = skip_whitespace(&chars, cut, end);
    }
    pieces
}

/// Cut `text` to at most `max` chars. When it is cut, it ends with "…"
/// (which counts toward `max`), and the cut is at a word boundary if one
/// exists in the last third of the kept text, so a label reads "Certified
/// Medical…" rather than "Certified Medical Adm…". Text that fits is
/// returned unchanged.
pub fn truncate(text: &str, max: usize) -> String {
    if text.chars().nth(max).is_none() {
        return text.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let chars: Vec<char> = text.chars().collect();
    let keep = max - 1; // room for the ellipsis
    // A boundary at `i` means chars[i] is whitespace, so chars[..i] ends a
    // word; `i == keep` is the case where the cut already falls on one.
    let last_third = keep - keep / 3;
    let at_word = (last_third.max(1)..=keep)
        .rev()
        .find(|&i| chars[i].is_whitespace())
        .map(|i| trim_end(&chars, 0, i))
        .filter(|&i| i > 0);
    let cut = at_word.unwrap_or_else(|| {
        if keep == 0 {
            0
        } else {
            trim_end(&chars, 0, hard_cut(&chars, 0, keep))
        }
    });
    let mut out: String = chars[..cut].iter().collect();
    out.push('…');
    out
}

/// The best place to end a piece that starts at `start` (a non-whitespace
/// char) and may hold `max` chars: the start of a whitespace run beginning
/// within `start + 1 ..= start + max`. A run beginning exactly at
/// `start + max` counts, since the piece before it is then exactly `max`
/// long. Among the runs of the best kind, the last one wins, so pieces are
/// as long as possible.
fn best_break(chars: &[char], start: usize, end: usize, max: usize) -> Option<usize> {
    let reach = (start + max).min(end - 1);
    let mut best: [Option<usize>; BREAKS] = [None; BREAKS];
    let mut i = start + 1;
    while i <= reach {
        if !chars[i].is_whitespace() {
            i += 1;
            continue;
        }
        let run_end = skip_whitespace(chars, i, end);
        let newlines = chars[i..run_end].iter().filter(|&&c| c == '\n').count();
        let kind = match newlines {
            0 if ends_sentence(&chars[start..i]) => Break::Sentence,
            0 => Break::Space,
            1 => Break::Line,
            _ => Break::Paragraph,
        };
        best[kind as usize] = Some(i);
        i = run_end;
    }
    best.into_iter().flatten().next()
}

/// Whether `before` (the text up to a space) ends a sentence: ".", "?" or
/// "!", possibly followed by closing quotes, brackets or Markdown emphasis
/// (`**Done.**`).
fn ends_sentence(before: &[char]) -> bool {
    before
        .iter()
        .rev()
        .find(|c| !matches!(c, '"' | '\'' | ')' | ']' | '*' | '_' | '”' | '’'))
        .is_some_and(|c| matches!(c, '.' | '?' | '!' | '…'))
}

/// Where to cut a word that does not fit: `max` chars in, moved back so a
/// combining mark (an accent, a variation selector, a skin tone) stays with
/// the char it modifies and the halves of a zero-width-joiner emoji stay
/// together — unless the whole piece is one such cluster, where a cut
/// somewhere is unavoidable.
fn hard_cut(chars: &[char], start: usize, max: usize) -> usize {
    let cut = start + max;
    (start + 1..=cut)
        .rev()
        .find(|&i| {
            chars.get(i).is_none_or(|&c| !joins_previous(c)) && chars[i - 1] != ZERO_WIDTH_JOINER
        })
        .unwrap_or(cut)
}

const ZERO_WIDTH_JOINER: char = '\u{200D}';

/// Chars that belong to the char before them, so a cut just before one
/// would mangle what is displayed.
fn joins_previous(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}' // combining diacritical marks
        | '\u{1AB0}'..='\u{1AFF}'
        | '\u{1DC0}'..='\u{1DFF}'
        | '\u{20D0}'..='\u{20FF}'
        | '\u{FE20}'..='\u{FE2F}'
        | '\u{200D}' // zero-width joiner (emoji sequences)
        | '\u{FE00}'..='\u{FE0F}' // variation selectors
        | '\u{1F3FB}'..='\u{1F3FF}' // emoji skin tones
        | '\u{E0020}'..='\u{E007F}' // emoji tag sequences
    )
}

fn skip_whitespace(chars: &[char], from: usize, end: usize) -> usize {
    (from..end)
        .find(|&i| !chars[i].is_whitespace())
        .unwrap_or(end)
}

/// `to`, moved back over any whitespace before it (not past `from`).
fn trim_end(chars: &[char], from: usize, to: usize) -> usize {
    (from..to)
        .rev()
        .find(|&i| !chars[i].is_whitespace())
        .map_or(from, |i| i + 1)
}

/// `text` with its first letter in upper case, for a label made from a
/// phrase that starts mid-sentence ("entry level" → "Entry level").
pub fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lens(pieces: &[String]) -> Vec<usize> {
        pieces.iter().map(|p| p.chars().count()).collect()
    }

    fn non_whitespace(text: &str) -> String {
        text.chars().filter(|c| !c.is_whitespace()).collect()
    }

    /// A small deterministic generator, so failures reproduce.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            // xorshift64*
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
        }

        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
    }

    const FRAGMENTS: &[&str] = &[
        "word",
        "a",
        "coordinator",
        "Boston,",
        "$52,000.",
        "done.",
        "why?",
        "yes!",
        "**Bold.**",
        "- item",
        "1.",
        "👩\u{200D}💻",
        "👍🏽",
        "🇺🇸",
        "日本語の文章です。",
        "中文",
        "z\u{0351}\u{0344}\u{0363}a\u{0300}\u{0301}\u{0302}\u{0303}l\u{0489}g\u{0316}o",
        "e\u{0301}",
        "Supercalifragilisticexpialidocious",
        "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        "https://example.com/a/very/long/path?query=string&and=more",
        " ",
        " ",
        " ",
        "  ",
        "\t",
        "\n",
        "\n",
        "\n\n",
        "\n \n",
        "\r\n",
        "\u{00A0}",
        "\u{3000}",
    ];

    fn generated(rng: &mut Rng) -> String {
        let n = rng.below(60);
        let mut text = String::new();
        for _ in 0..n {
            text.push_str(FRAGMENTS[rng.below(FRAGMENTS.len())]);
            if rng.below(3) > 0 {
                text.push(' ');
            }
        }
        text
    }

    /// Every property `split_text` promises, for one input.
    fn check_split(text: &str, max: usize) {
        let pieces = split_text(text, max);
        let context = || format!("max {max}, text {text:?}, pieces {pieces:?}");
        if max == 0 {
            assert!(pieces.is_empty(), "{}", context());
            return;
        }
        for piece in &pieces {
            let len = piece.chars().count();
            assert!(len >= 1 && len <= max, "{}", context());
            assert_eq!(piece.trim(), piece, "{}", context());
        }
        assert_eq!(
            non_whitespace(&pieces.concat()),
            non_whitespace(text),
            "{}",
            context()
        );
        // Each piece is a run of the original text; find where it is, and
        // check that it ends at whitespace unless no whitespace was within
        // reach (a word longer than max).
        let chars: Vec<char> = text.chars().collect();
        let mut at = 0;
        for piece in &pieces {
            while chars[at].is_whitespace() {
                at += 1;
            }
            let piece_chars: Vec<char> = piece.chars().collect();
            let len = piece_chars.len();
            assert_eq!(&chars[at..at + len], &piece_chars[..], "{}", context());
            let cut_mid_word = chars.get(at + len).is_some_and(|c| !c.is_whitespace());
            if cut_mid_word {
                let reach = &chars[at..(at + max + 1).min(chars.len())];
                assert!(
                    !reach.iter().any(|c| c.is_whitespace()),
                    "cut mid-word although a space was in reach; {}",
                    context()
                );
            }
            at += len;
        }
        assert!(
            chars[at..].iter().all(|c| c.is_whitespace()),
            "{}",
            context()
        );
    }

    #[test]
    fn split_properties_hold_for_generated_texts() {
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        for round in 0..3000 {
            let text = generated(&mut rng);
            let max = match round % 4 {
                0 => rng.below(4),
                1 => 1 + rng.below(20),
                2 => 1 + rng.below(120),
                _ => 1 + rng.below(2000),
            };
            check_split(&text, max);
        }
    }

    #[test]
    fn split_edge_cases() {
        for text in [
            "",
            " ",
            "\n\n\t ",
            "a",
            "ab",
            "a b",
            " a ",
            "👩\u{200D}💻",
            "é",
        ] {
            for max in 0..5 {
                check_split(text, max);
            }
        }
        assert!(split_text("   \n\n  ", 10).is_empty());
        assert_eq!(split_text("abc", 1), ["a", "b", "c"]);
        assert_eq!(split_text(" hello  world ", 100), ["hello  world"]);
        assert_eq!(split_text("abc", 0), Vec::<String>::new());
    }

    #[test]
    fn counts_chars_not_bytes() {
        // 10 chars, 30 bytes.
        let text = "日本語日本語日本語日";
        assert_eq!(split_text(text, 10), [text]);
        assert_eq!(lens(&split_text(text, 4)), [4, 4, 2]);
    }

    #[test]
    fn prefers_paragraph_breaks() {
        let text = "First paragraph. It has two sentences.\n\nSecond paragraph, which is longer. Also two sentences.";
        // Room for the first paragraph and part of the second: the piece
        // still ends at the paragraph, not at a later sentence or space.
        let pieces = split_text(text, 60);
        assert_eq!(
            pieces,
            [
                "First paragraph. It has two sentences.",
                "Second paragraph, which is longer. Also two sentences."
            ]
        );
    }

    #[test]
    fn fills_pieces_with_as_many_paragraphs_as_fit() {
        let text = "One.\n\nTwo.\n\nThree.\n\nFour.";
        assert_eq!(split_text(text, 13), ["One.\n\nTwo.", "Three.\n\nFour."]);
        assert_eq!(split_text(text, 100), [text]);
    }

    #[test]
    fn keeps_list_items_whole() {
        let text = "Typical duties:\n- Schedule visits. Confirm insurance.\n- Answer calls. Triage questions.\n- Track referrals.";
        let pieces = split_text(text, 60);
        assert_eq!(
            pieces,
            [
                "Typical duties:\n- Schedule visits. Confirm insurance.",
                "- Answer calls. Triage questions.\n- Track referrals."
            ]
        );
    }

    #[test]
    fn prefers_sentence_ends_over_spaces() {
        let text = "Short one. Then a sentence that keeps going on and on";
        let pieces = split_text(text, 30);
        assert_eq!(pieces[0], "Short one.");
        // Closing emphasis after the full stop still ends the sentence.
        let text = "**Pay is set locally.** Ask the clinic about the range offered";
        assert_eq!(split_text(text, 40)[0], "**Pay is set locally.**");
    }

    #[test]
    fn splits_at_spaces_and_never_mid_word_when_a_space_is_in_reach() {
        let text = "alpha beta gamma delta epsilon";
        assert_eq!(
            split_text(text, 11),
            ["alpha beta", "gamma delta", "epsilon"]
        );
        // A space exactly at the limit: the first piece is exactly max long.
        assert_eq!(split_text("abcde fgh", 5), ["abcde", "fgh"]);
    }

    #[test]
    fn cuts_only_words_longer_than_max() {
        assert_eq!(
            split_text("ab abcdefghij cd", 4),
            ["ab", "abcd", "efgh", "ij", "cd"]
        );
    }

    #[test]
    fn a_hard_cut_keeps_combining_marks_with_their_letter() {
        // "e" + acute accent is one visible letter in two chars.
        let text = "abce\u{0301}fg";
        let pieces = split_text(text, 4);
        assert_eq!(pieces, ["abc", "e\u{0301}fg"]);
        // A cluster longer than max has to be cut somewhere, without panic.
        let zalgo = "a\u{0300}\u{0301}\u{0302}\u{0303}\u{0304}";
        check_split(zalgo, 2);
        // A joined emoji (woman + ZWJ + laptop) moves whole to the next
        // piece rather than being split at the joiner.
        assert_eq!(split_text("ab👩\u{200D}💻", 4), ["ab", "👩\u{200D}💻"]);
    }

    #[test]
    fn truncate_keeps_text_that_fits() {
        assert_eq!(truncate("hello", 5), "hello");
        assert_eq!(truncate("hello", 50), "hello");
        assert_eq!(truncate("", 0), "");
        assert_eq!(truncate("日本語", 3), "日本語");
    }

    #[test]
    fn truncate_cuts_at_a_word_and_adds_an_ellipsis() {
        let cut = truncate("Certified Medical Administrative Assistant", 24);
        assert_eq!(cut, "Certified Medical…");
        // A boundary right at the cut is used.
        assert_eq!(truncate("abcd efgh", 5), "abcd…");
    }

    #[test]
    fn truncate_cuts_mid_word_when_no_boundary_is_near_the_end() {
        // The only space is in the first third: cut the word instead.
        assert_eq!(truncate("a bcdefghijklmnop", 10), "a bcdefgh…");
        assert_eq!(truncate("abcdefghij", 5), "abcd…");
    }

    #[test]
    fn truncate_handles_tiny_limits() {
        assert_eq!(truncate("hello", 0), "");
        assert_eq!(truncate("hello", 1), "…");
        assert_eq!(truncate("hello", 2), "h…");
        assert_eq!(truncate("h ello", 2), "h…");
    }

    #[test]
    fn truncate_never_exceeds_max() {
        let mut rng = Rng(42);
        for _ in 0..3000 {
            let text = generated(&mut rng);
            let max = rng.below(80);
            let cut = truncate(&text, max);
            let len = cut.chars().count();
            assert!(len <= max, "max {max}, {text:?} → {cut:?}");
            if text.chars().count() > max {
                if max > 0 {
                    assert!(cut.ends_with('…'), "{text:?} → {cut:?}");
                }
                // What is kept is the start of the text.
                let kept = cut.strip_suffix('…').unwrap_or(&cut);
                assert!(text.starts_with(kept), "{text:?} → {cut:?}");
            } else {
                assert_eq!(cut, text);
            }
        }
    }

    #[test]
    fn capitalized_raises_only_the_first_letter() {
        assert_eq!(capitalized("entry level"), "Entry level");
        assert_eq!(capitalized("état de l'art"), "État de l'art");
        assert_eq!(capitalized("BLS, all U.S."), "BLS, all U.S.");
        assert_eq!(capitalized(""), "");
    }
}
