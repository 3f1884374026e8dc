//! Salary chart speed: planning and drawing one 800×450 PNG, as `/salary`
//! does for each estimate. Target (not enforced): ≤ 30 ms per chart.

use careerbot::Engine;
use careerbot::chart::SalaryChart;
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

fn chart(c: &mut Criterion) {
    let engine = Engine::load(concat!(env!("CARGO_MANIFEST_DIR"), "/knowledge"))
        .unwrap_or_else(|error| panic!("knowledge must load:\n{error}"));
    let details = engine.read_details("5 years in, CMAA certified, Boston, hospital");
    let reply = engine.estimate_reply(&details);
    let estimate = reply.estimate().expect("an estimate").clone();
    let mut group = c.benchmark_group("chart");
    group.bench_function("plan and draw one PNG", |b| {
        b.iter(|| {
            let chart = SalaryChart::plan(engine.knowledge(), black_box(&estimate), &details);
            chart.to_png().expect("a chart")
        })
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
    targets = chart
}
criterion_main!(benches);
