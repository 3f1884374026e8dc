//! Matching: which entry answers a question, and how sure we are.
//!
//! Every entry is indexed through four fields: each phrasing (and the title)
//! as its own short document, the keywords, and the answer text. A question
//! is scored with BM25 in each field; an entry's score is its best phrasing
//! plus weighted keyword and answer scores. Off-topic groups from
//! `scope.toml` are indexed the same way, so "book me an appointment" can win
//! against the scheduling entry and be declined.
//!
//! Confidence combines how much of the question the winner explains (its
//! share of the question's IDF weight) with how strong its score is, so a
//! single strong word ("401k") and a long, fully matched question both score
//! high, while a question whose main words are unknown scores low.

use crate::knowledge::KnowledgeBase;
use crate::understanding::Analyzer;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// Scoring parameters. A grid search on the tuning question set
/// (`examples/tune_matching.rs`) found top-1 accuracy nearly flat across
/// them (197 to 199 of 205); these defaults also keep off-topic groups,
/// which rely on their keywords, able to win.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Params {
    /// BM25 term-frequency saturation.
    pub k1: f64,
    /// BM25 length normalization; phrasings are short, so it matters little.
    pub b: f64,
    /// How much the keyword field counts next to the best phrasing.
    pub keyword_weight: f64,
    /// How much the answer text counts next to the best phrasing.
    pub answer_weight: f64,
}

impl Default for Params {
    fn default() -> Params {
        Params {
            k1: 1.2,
            b: 0.5,
            keyword_weight: 0.6,
            answer_weight: 0.15,
        }
    }
}
/// Logistic weights for the confidence: intercept, coverage, ln(1 + best
/// score), ln(1 + number of terms). Refit them when the scoring changes.
const CALIBRATION: [f64; 4] = [-4.669, 2.159, 2.464, -1.195];

/// What a candidate is: an entry, or an off-topic group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Candidate {
    Entry(usize),
    OffTopic(usize),
}

/// A scored candidate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scored {
    pub candidate: Candidate,
    pub score: f64,
}

/// What the confidence is computed from.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Evidence {
    /// Share of the question's IDF weight the best candidate explains.
    pub coverage: f64,
    pub best_score: f64,
    pub second_score: f64,
    /// Distinct terms in the question.
    pub terms: usize,
}

/// The result of matching one question.
#[derive(Debug, Clone, PartialEq)]
pub struct Ranking {
    /// Best first; only candidates sharing at least one term.
    pub scored: Vec<Scored>,
    /// Confidence in the first candidate, 0 to 1.
    pub confidence: f64,
    pub evidence: Evidence,
}

impl Ranking {
    pub fn best(&self) -> Option<Scored> {
        self.scored.first().copied()
    }
}

/// One BM25 collection: documents of terms, each owned by a candidate.
///
/// Each posting stores its document's full BM25 weight for the term, worked
/// out once at build time, so scoring a question is a walk over postings
/// that adds numbers into flat arrays: no per-question maps.
#[derive(Default)]
struct Field {
    /// The candidate slot owning each document.
    owners: Vec<usize>,
    lengths: Vec<f64>,
    /// term → (document, term frequency); weights replace the frequencies
    /// in `finish`.
    postings: HashMap<String, Vec<(u32, f64)>>,
    /// term → IDF, kept for coverage.
    idfs: HashMap<String, f64>,
}

/// Reusable arrays for scoring one field. They are all zero between uses.
#[derive(Default)]
struct Scratch {
    per_doc: Vec<f64>,
    touched: Vec<u32>,
    best: Vec<f64>,
    /// Set while a field is being scored: still set at the start of the
    /// next use only if scoring was cut short, and then the arrays are
    /// zeroed in full.
    in_use: bool,
}

thread_local! {
    /// One scratch per thread, kept between questions: a question then
    /// costs what its terms touch, not an allocation and a zeroing pass
    /// over every document of the index.
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::default();
}

impl Field {
    fn add(&mut self, owner: usize, terms: &[String]) {
        let doc = self.owners.len() as u32;
        self.owners.push(owner);
        self.lengths.push(terms.len() as f64);
        let mut counts: HashMap<&str, f64> = HashMap::default();
        for term in terms {
            *counts.entry(term).or_default() += 1.0;
        }
        for (term, count) in counts {
            self.postings
                .entry(term.to_string())
                .or_default()
                .push((doc, count));
        }
    }

    /// Turn term frequencies into BM25 weights.
    fn finish(&mut self, params: &Params) {
        let total: f64 = self.lengths.iter().sum();
        let average_length = if self.lengths.is_empty() {
            1.0
        } else {
            (total / self.lengths.len() as f64).max(1.0)
        };
        let n = self.owners.len() as f64;
        for (term, postings) in &mut self.postings {
            let df = postings.len() as f64;
            let idf = ((n - df + 0.5) / (df + 0.5) + 1.0).ln();
            self.idfs.insert(term.clone(), idf);
            for (doc, tf) in postings.iter_mut() {
                let length = self.lengths[*doc as usize];
                let norm = params.k1 * (1.0 - params.b + params.b * length / average_length);
                *tf = idf * *tf * (params.k1 + 1.0) / (*tf + norm);
            }
        }
    }

    fn idf(&self, term: &str) -> Option<f64> {
        self.idfs.get(term).copied()
    }

    /// Add `weight` × each candidate's best document score to `totals`.
    fn score(&self, terms: &[String], totals: &mut [f64], weight: f64, scratch: &mut Scratch) {
        if weight == 0.0 {
            return;
        }
        // The buffers stay zero between calls: only the slots touched are
        // reset afterwards, so a question costs what its terms touch, not
        // a pass over every document.
        if scratch.per_doc.len() < self.owners.len() {
            scratch.per_doc.resize(self.owners.len(), 0.0);
        }
        if scratch.best.len() < totals.len() {
            scratch.best.resize(totals.len(), 0.0);
        }
        if scratch.in_use {
            scratch.per_doc.fill(0.0);
            scratch.best.fill(0.0);
        }
        scratch.in_use = true;
        scratch.touched.clear();
        for term in terms {
            let Some(postings) = self.postings.get(term) else {
                continue;
            };
            for &(doc, w) in postings {
                let slot = &mut scratch.per_doc[doc as usize];
                if *slot == 0.0 {
                    scratch.touched.push(doc);
                }
                *slot += w;
            }
        }
        for &doc in &scratch.touched {
            let owner = self.owners[doc as usize];
            let score = std::mem::take(&mut scratch.per_doc[doc as usize]);
            if score > scratch.best[owner] {
                scratch.best[owner] = score;
            }
        }
        for &doc in &scratch.touched {
            let owner = self.owners[doc as usize];
            totals[owner] += weight * std::mem::take(&mut scratch.best[owner]);
        }
        scratch.in_use = false;
    }
}

/// The search index over the knowledge base.
pub struct Index {
    params: Params,
    /// Every candidate, by slot: entries first, then off-topic groups.
    candidates: Vec<Candidate>,
    entry_count: usize,
    phrasings: Field,
    keywords: Field,
    answers: Field,
    /// Every term each candidate uses anywhere, for coverage.
    vocabulary: HashMap<Candidate, HashSet<String>>,
    /// The average phrasing IDF: the weight given to unknown terms. An
    /// unknown word is as often filler ("info", "exactly") as it is the real
    /// subject, so it counts as an ordinary word, not the rarest one.
    unknown_idf: f64,
}

impl Index {
    /// Build the index with the given scoring parameters. `normalized`
    /// returns a text's normalized form; the engine passes one that reuses
    /// texts it normalized already, so loading normalizes each text once.
    pub fn build(
        kb: &KnowledgeBase,
        analyzer: &Analyzer,
        params: Params,
        normalized: &dyn Fn(&str) -> String,
    ) -> Index {
        let entry_count = kb.entries.len();
        let candidates = (0..entry_count)
            .map(Candidate::Entry)
            .chain((0..kb.scope.off_topic.len()).map(Candidate::OffTopic))
            .collect();
        let mut index = Index {
            params,
            candidates,
            entry_count,
            phrasings: Field::default(),
            keywords: Field::default(),
            answers: Field::default(),
            vocabulary: HashMap::default(),
            unknown_idf: 0.0,
        };
        let analyze = |text: &str| analyzer.analyze(&normalized(text)).terms;
        for (position, entry) in kb.entries.iter().enumerate() {
            let candidate = Candidate::Entry(position);
            let texts = entry.phrasings.iter().chain(std::iter::once(&entry.title));
            for text in texts {
                index.add_phrasing(candidate, analyze(text));
            }
            let keywords: Vec<String> = entry.keywords.iter().flat_map(|k| analyze(k)).collect();
            index.note_terms(candidate, &keywords);
            let slot = index.slot(candidate);
            index.keywords.add(slot, &keywords);
            let answer = analyze(&entry.answer);
            index.answers.add(slot, &answer);
        }
        for (position, group) in kb.scope.off_topic.iter().enumerate() {
            let candidate = Candidate::OffTopic(position);
            for text in &group.phrasings {
                index.add_phrasing(candidate, analyze(text));
            }
            let keywords: Vec<String> = group.keywords.iter().flat_map(|k| analyze(k)).collect();
            index.note_terms(candidate, &keywords);
            let slot = index.slot(candidate);
            index.keywords.add(slot, &keywords);
        }
        index.phrasings.finish(&params);
        index.keywords.finish(&params);
        index.answers.finish(&params);
        let idfs: Vec<f64> = index.phrasings.idfs.values().copied().collect();
        index.unknown_idf = idfs.iter().sum::<f64>() / idfs.len().max(1) as f64;
        index
    }

    fn add_phrasing(&mut self, candidate: Candidate, terms: Vec<String>) {
        self.note_terms(candidate, &terms);
        let slot = self.slot(candidate);
        self.phrasings.add(slot, &terms);
    }

    fn slot(&self, candidate: Candidate) -> usize {
        match candidate {
            Candidate::Entry(i) => i,
            Candidate::OffTopic(i) => self.entry_count + i,
        }
    }

    fn note_terms(&mut self, candidate: Candidate, terms: &[String]) {
        self.vocabulary
            .entry(candidate)
            .or_default()
            .extend(terms.iter().cloned());
    }

    /// Rank every candidate for a question's terms.
    pub fn rank(&self, terms: &[String]) -> Ranking {
        self.rank_boosted(terms, &[])
    }

    /// Rank with some entries favoured: each `(entry position, boost)`
    /// multiplies that entry's score by `1 + boost` (the entries of the
    /// things a question names, the topics its kind of question leans to).
    /// Only entries that share a term with the question can be favoured.
    pub fn rank_boosted(&self, terms: &[String], boosts: &[(usize, f64)]) -> Ranking {
        let unique: Vec<String> = {
            let mut seen = HashSet::default();
            terms
                .iter()
                .filter(|t| seen.insert(t.as_str()))
                .cloned()
                .collect()
        };
        let mut totals = vec![0.0; self.candidates.len()];
        let params = &self.params;
        SCRATCH.with_borrow_mut(|scratch| {
            (self.phrasings).score(&unique, &mut totals, 1.0, scratch);
            (self.keywords).score(&unique, &mut totals, params.keyword_weight, scratch);
            (self.answers).score(&unique, &mut totals, params.answer_weight, scratch);
        });
        for &(entry, boost) in boosts {
            if let Some(total) = totals.get_mut(entry)
                && entry < self.entry_count
            {
                *total *= 1.0 + boost;
            }
        }
        let mut scored: Vec<Scored> = totals
            .iter()
            .enumerate()
            .filter(|(_, score)| **score > 0.0)
            .map(|(slot, &score)| Scored {
                candidate: self.candidates[slot],
                score,
            })
            .collect();
        scored.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then_with(|| order_key(a.candidate).cmp(&order_key(b.candidate)))
        });
        let evidence = match scored.first() {
            Some(best) => Evidence {
                coverage: self.coverage(&unique, best),
                best_score: best.score,
                second_score: scored.get(1).map_or(0.0, |s| s.score),
                terms: unique.len(),
            },
            None => Evidence::default(),
        };
        let confidence = if scored.is_empty() {
            0.0
        } else {
            confidence(&evidence)
        };
        Ranking {
            scored,
            confidence,
            evidence,
        }
    }

    /// Share of the question's IDF weight that the best candidate's own
    /// words cover.
    fn coverage(&self, terms: &[String], best: &Scored) -> f64 {
        let empty = HashSet::default();
        let known = self.vocabulary.get(&best.candidate).unwrap_or(&empty);
        let weight = |term: &String| self.phrasings.idf(term).unwrap_or(self.unknown_idf);
        let total: f64 = terms.iter().map(weight).sum();
        if total <= 0.0 {
            return 0.0;
        }
        let covered: f64 = terms
            .iter()
            .filter(|t| known.contains(*t))
            .map(weight)
            .sum();
        covered / total
    }
}

/// Confidence from the evidence: a logistic model, fitted on the tuning
/// question set (`examples/features.rs` prints the evidence), so that a
/// confidence of 0.7 means the top topic is right about 70% of the time.
/// Coverage and a strong score raise it; many terms, with the same score
/// and coverage, lower it (a long question matched on one phrase).
fn confidence(evidence: &Evidence) -> f64 {
    let z = CALIBRATION[0]
        + CALIBRATION[1] * evidence.coverage
        + CALIBRATION[2] * evidence.best_score.ln_1p()
        + CALIBRATION[3] * (evidence.terms as f64).ln_1p();
    1.0 / (1.0 + (-z).exp())
}

/// Ties break by knowledge-base order, entries before off-topic groups, so
/// ranking is deterministic.
fn order_key(candidate: Candidate) -> (u8, usize) {
    match candidate {
        Candidate::Entry(i) => (0, i),
        Candidate::OffTopic(i) => (1, i),
    }
}
