//! Engine speed: one question end to end, a batch of 10,000 questions, and
//! loading the knowledge base with its indexes.
//!
//! Targets (not enforced; see the report of `cargo bench --bench engine`):
//! median ≤ 20 µs per question, load + index ≤ 30 ms, and a 1,000-character
//! message holding 250 numbers in ≤ 1 ms (reading it must stay linear).

use careerbot::Engine;
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use serde::Deserialize;
use std::hint::black_box;
use std::path::{Path, PathBuf};

/// The allocator the `careerbot` binary uses, so the figures are the bot's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::time::Duration;

/// How many questions the batch answers.
const BATCH: usize = 10_000;

fn knowledge_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge")
}

fn engine() -> Engine {
    Engine::load(knowledge_dir()).unwrap_or_else(|error| panic!("knowledge must load:\n{error}"))
}

#[derive(Deserialize)]
struct QuestionSet {
    question: Vec<Question>,
}

#[derive(Deserialize)]
struct Question {
    text: String,
}

/// The questions of tests/questions/tuning.toml.
fn tuning_questions() -> Vec<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/questions/tuning.toml");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{} readable: {e}", path.display()));
    let set: QuestionSet =
        toml::from_str(&text).unwrap_or_else(|e| panic!("{} parses: {e}", path.display()));
    set.question.into_iter().map(|q| q.text).collect()
}

/// One question end to end, for a few kinds of question.
fn one_question(c: &mut Criterion) {
    let engine = engine();
    let mut group = c.benchmark_group("answer");
    group.measurement_time(Duration::from_secs(3));
    group.warm_up_time(Duration::from_secs(1));
    group.throughput(Throughput::Elements(1));
    for (name, question) in [
        ("topic", "what does a pt care coordinator do?"),
        ("typo", "waht certifcations shoud i get for this jbo"),
        ("estimate", "5 years, CMAA, Boston, hospital"),
        ("fallback", "what's a good recipe for banana bread"),
        (
            "calculation",
            "base 48k, 4% match up to 6%, 2k bonus, total comp?",
        ),
        (
            "two_offers",
            "offer A: 46k, no match, 15 days PTO, Denver. offer B: 44.5k, 100% match up to 4%, 20 days PTO, Boston. which pays more?",
        ),
    ] {
        group.bench_with_input(BenchmarkId::from_parameter(name), question, |b, q| {
            b.iter(|| engine.answer(black_box(q)));
        });
    }
    group.finish();
}

/// A 1,000-character message of 250 numbers, some of them pay: the detail
/// reader must take it in one pass, not once per number.
fn many_numbers(c: &mut Criterion) {
    let engine = engine();
    let message: String = (0..250)
        .map(|i| match i % 5 {
            0 => "$19 ".to_string(),
            1 => "7yr ".to_string(),
            2 => "45k ".to_string(),
            _ => format!("{:03} ", i),
        })
        .collect();
    let mut group = c.benchmark_group("answer");
    group.measurement_time(Duration::from_secs(3));
    group.warm_up_time(Duration::from_secs(1));
    group.bench_function("250_numbers_in_1000_chars", |b| {
        b.iter(|| engine.answer(black_box(&message)));
    });
    group.finish();
}

/// 10,000 questions, cycling through the tuning set.
fn batch(c: &mut Criterion) {
    let engine = engine();
    let questions = tuning_questions();
    assert!(!questions.is_empty(), "the tuning set has questions");
    let mut group = c.benchmark_group("batch");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(5));
    group.warm_up_time(Duration::from_secs(1));
    group.throughput(Throughput::Elements(BATCH as u64));
    group.bench_function("10000_tuning_questions", |b| {
        b.iter(|| {
            let mut answered = 0usize;
            for question in questions.iter().cycle().take(BATCH) {
                let reply = engine.answer(black_box(question));
                answered += usize::from(!reply.body.is_empty());
            }
            answered
        });
    });
    group.finish();
}

/// Reading and validating knowledge/ and building the engine's indexes.
fn load(c: &mut Criterion) {
    let dir = knowledge_dir();
    let mut group = c.benchmark_group("load");
    group.sample_size(20);
    group.measurement_time(Duration::from_secs(5));
    group.warm_up_time(Duration::from_secs(1));
    group.bench_function("knowledge_and_index", |b| {
        // Dropping the engine is not part of loading it.
        b.iter_with_large_drop(|| Engine::load(black_box(&dir)));
    });
    group.finish();
}

// No plots: criterion would draw them with plotters, which this crate
// builds with its ab_glyph font backend (for the salary chart), and that
// backend has no fonts until the chart module registers its own. The
// figures are in the terminal output and target/criterion/.
criterion_group! {
    name = benches;
    config = Criterion::default().without_plots();
    targets = one_question, many_numbers, batch, load
}
criterion_main!(benches);
