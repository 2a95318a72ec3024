//! The value layer's classes, held to simple-statistics (scripts/classes-oracle.mjs writes
//! its answers for tests/fixtures/classes.json) and to what any classing must do: every
//! figure in exactly one class, bounds rising, counts adding up.

use jingjinji_map::render::values::classify::{ckmeans_starts, classify, Classes, Method};
use serde::Deserialize;

#[derive(Deserialize)]
struct Fixture {
    name: String,
    k: usize,
    values: Vec<f64>,
}

#[derive(Deserialize)]
struct Answer {
    name: String,
    k: usize,
    ckmeans: Vec<f64>,
    quantile: Vec<f64>,
    equal: Vec<f64>,
}

fn fixtures() -> Vec<(Fixture, Answer)> {
    let read = |f: &str| std::fs::read_to_string(format!("tests/fixtures/{f}")).unwrap();
    let fixtures: Vec<Fixture> = serde_json::from_str(&read("classes.json")).unwrap();
    let answers: Vec<Answer> = serde_json::from_str(&read("classes-oracle.json")).unwrap();
    assert_eq!(fixtures.len(), answers.len());
    fixtures.into_iter().zip(answers).collect()
}

#[test]
fn breaks_match_simple_statistics() {
    for (f, a) in fixtures() {
        assert_eq!(f.name, a.name);
        let k = f.k;
        for (method, want) in [
            (Method::Ckmeans, &a.ckmeans),
            (Method::Quantile, &a.quantile),
            (Method::Equal, &a.equal),
        ] {
            let got = classify(&f.values, &method, k);
            // serde_json's default float parsing may be one unit in the last place off.
            let same = got.bounds.len() == want.len()
                && got
                    .bounds
                    .iter()
                    .zip(want)
                    .all(|(g, w)| (g - w).abs() <= 1e-12 * w.abs().max(1.0));
            assert!(
                same,
                "{:?} != {want:?}: {} by {method:?} into {k} (simple-statistics used {})",
                got.bounds, f.name, a.k
            );
        }
    }
}

/// Each figure falls in exactly one class, and the classes' counts add up.
fn assert_partition(values: &[f64], classes: &Classes) {
    let k = classes.count();
    assert!(
        classes.bounds.windows(2).all(|w| w[0] <= w[1]),
        "{:?}",
        classes.bounds
    );
    let mut counts = vec![0usize; k];
    for v in values {
        let c = classes.of(*v);
        assert!(c < k, "{v} in class {c} of {k}");
        let (lo, hi) = (classes.bounds[c], classes.bounds[c + 1]);
        assert!(
            lo <= *v && (*v < hi || (c + 1 == k && *v <= hi)),
            "{v} not in [{lo}, {hi})"
        );
        counts[c] += 1;
    }
    assert_eq!(counts.iter().sum::<usize>(), values.len());
}

#[test]
fn every_figure_is_in_exactly_one_class() {
    for (f, _) in fixtures() {
        for method in [
            Method::Ckmeans,
            Method::Quantile,
            Method::Equal,
            Method::Breaks(vec![0.0, 5.0, 50.0]),
        ] {
            let classes = classify(&f.values, &method, f.k);
            assert_partition(&f.values, &classes);
        }
    }
}

#[test]
fn ckmeans_is_optimal_on_small_inputs() {
    // Brute force over every split of a small sorted list into k runs.
    let sorted = [1.0, 1.5, 2.0, 7.0, 7.5, 8.0, 20.0, 21.0, 40.0];
    let ssq = |run: &[f64]| {
        let m = run.iter().sum::<f64>() / run.len() as f64;
        run.iter().map(|v| (v - m) * (v - m)).sum::<f64>()
    };
    let cost = |starts: &[usize]| {
        let mut ends: Vec<usize> = starts[1..].to_vec();
        ends.push(sorted.len());
        starts
            .iter()
            .zip(ends)
            .map(|(s, e)| ssq(&sorted[*s..e]))
            .sum::<f64>()
    };
    for k in 2..=4 {
        let ours = cost(&ckmeans_starts(&sorted, k));
        let mut best = f64::INFINITY;
        let n = sorted.len();
        let mut split = vec![0usize; k];
        fn walk(
            c: usize,
            from: usize,
            n: usize,
            split: &mut Vec<usize>,
            best: &mut f64,
            cost: &dyn Fn(&[usize]) -> f64,
        ) {
            if c == split.len() {
                *best = best.min(cost(split));
                return;
            }
            for s in from..n {
                split[c] = s;
                walk(c + 1, s + 1, n, split, best, cost);
            }
        }
        walk(1, 1, n, &mut split, &mut best, &cost);
        assert!(
            (ours - best).abs() < 1e-9,
            "k={k}: ours {ours}, best {best}"
        );
    }
}

#[test]
fn explicit_breaks_and_continuous_scales() {
    let values = [3.0, 12.0, 18.0, 33.0, 61.0];
    let c = classify(&values, &Method::named("10, 20, 50").unwrap(), 5);
    assert_eq!(c.bounds, vec![3.0, 10.0, 20.0, 50.0, 61.0]);
    assert_eq!(values.map(|v| c.of(v)), [0, 1, 1, 2, 3]);
    let c = classify(&values, &Method::Continuous, 5);
    assert!(c.continuous);
    assert_eq!((c.position(3.0), c.position(61.0)), (0.0, 1.0));
    assert!(Method::named("20,10").is_err());
    assert!(Method::named("jenks?").is_err());
    assert_eq!(classify(&[], &Method::Ckmeans, 5).bounds, Vec::<f64>::new());
}
