//! Classes of figures for a choropleth: Ckmeans (optimal 1-D k-means, Wang and Song's
//! dynamic programme with its divide-and-conquer fill: O(k·n·log n)), quantiles, equal
//! intervals, a continuous scale or a newsroom's own breaks. The results match
//! `simple-statistics` (`tests/classes.rs` holds it to that package's output). Our own code:
//! the `ckmeans` crate would export its own wasm functions from our module (Cargo.toml).

/// How figures are put into classes.
#[derive(Debug, Clone, PartialEq)]
pub enum Method {
    /// Optimal natural breaks (least squares within classes).
    Ckmeans,
    /// As many figures in each class.
    Quantile,
    /// Classes of the same width.
    Equal,
    /// No classes: the colour follows the figure.
    Continuous,
    /// The newsroom's own breaks between classes, ascending.
    Breaks(Vec<f64>),
}

impl Method {
    /// The `classes` attribute: `ckmeans` (default), `quantile`, `equal`, `continuous`, or
    /// breaks such as `10,20,50`.
    pub fn named(text: &str) -> Result<Method, String> {
        let text = text.trim();
        Ok(match text.to_ascii_lowercase().as_str() {
            "" | "ckmeans" | "jenks" | "natural" => Method::Ckmeans,
            "quantile" | "quantiles" => Method::Quantile,
            "equal" | "equal-interval" => Method::Equal,
            "continuous" => Method::Continuous,
            _ => {
                let mut breaks = Vec::new();
                for part in text.split(',') {
                    match crate::data::values::read_cell(part) {
                        crate::data::values::Cell::Number(v) => breaks.push(v),
                        _ => {
                            return Err(format!(
                            "classes=\"{text}\" is neither ckmeans, quantile, equal, continuous nor breaks such as \"10,20,50\""
                        ))
                        }
                    }
                }
                if breaks.windows(2).any(|w| w.first() >= w.get(1)) {
                    return Err(format!(
                        "classes=\"{text}\": the breaks must rise from left to right"
                    ));
                }
                Method::Breaks(breaks)
            }
        })
    }
}

/// The fewest and most classes a map may have.
pub const CLASS_COUNTS: std::ops::RangeInclusive<usize> = 3..=7;

/// The classes: `bounds` rise from the least figure to the greatest, class `i` holding
/// `bounds[i] ≤ v < bounds[i + 1]` (the last class holds its upper bound too).
#[derive(Debug, Clone, PartialEq)]
pub struct Classes {
    /// `count() + 1` bounds, ascending.
    pub bounds: Vec<f64>,
    /// A continuous scale from the first bound to the last, not classes.
    pub continuous: bool,
}

impl Classes {
    /// How many classes (1 for a continuous scale or a single value).
    pub fn count(&self) -> usize {
        self.bounds.len().saturating_sub(1).max(1)
    }

    /// The class of `v`: the last whose lower bound it reaches.
    pub fn of(&self, v: f64) -> usize {
        let above = self
            .bounds
            .iter()
            .take(self.count())
            .filter(|b| **b <= v)
            .count();
        above.saturating_sub(1)
    }

    /// Where `v` falls between the least and greatest figure, 0 to 1 (for a continuous scale).
    pub fn position(&self, v: f64) -> f64 {
        let (lo, hi) = (
            self.bounds.first().copied().unwrap_or(0.0),
            self.bounds.last().copied().unwrap_or(0.0),
        );
        if hi > lo {
            ((v - lo) / (hi - lo)).clamp(0.0, 1.0)
        } else {
            0.5
        }
    }
}

/// The classes of `values` (finite numbers, in any order) by `method`, into at most
/// `wanted` classes (fewer where there are fewer distinct values).
pub fn classify(values: &[f64], method: &Method, wanted: usize) -> Classes {
    let finite: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
    let sorted: Vec<f64> = crate::data::order::ascending(&finite)
        .into_iter()
        .filter_map(|k| finite.get(k).copied())
        .collect();
    let (Some(&lo), Some(&hi)) = (sorted.first(), sorted.last()) else {
        return Classes {
            bounds: Vec::new(),
            continuous: false,
        };
    };
    let distinct = 1 + sorted.windows(2).filter(|w| w.first() != w.get(1)).count();
    let k = wanted.max(1).min(distinct);
    let inner: Vec<f64> = match method {
        _ if distinct == 1 => Vec::new(),
        Method::Continuous => {
            return Classes {
                bounds: vec![lo, hi],
                continuous: true,
            }
        }
        Method::Ckmeans => ckmeans_starts(&sorted, k)
            .into_iter()
            .skip(1)
            .filter_map(|s| sorted.get(s).copied())
            .collect(),
        Method::Quantile => (1..k)
            .map(|j| quantile_sorted(&sorted, j as f64 / k as f64))
            .collect(),
        Method::Equal => {
            let width = (hi - lo) / k as f64;
            (1..k).map(|j| lo + width * j as f64).collect()
        }
        Method::Breaks(breaks) => {
            let first = lo.min(breaks.first().copied().unwrap_or(lo));
            let last = hi.max(breaks.last().copied().unwrap_or(hi));
            let mut bounds = vec![first];
            bounds.extend(breaks.iter().copied().filter(|b| *b > first));
            if bounds.last().is_some_and(|b| *b < last) {
                bounds.push(last);
            }
            return Classes {
                bounds,
                continuous: false,
            };
        }
    };
    Classes {
        bounds: bounded(lo, inner, hi),
        continuous: false,
    }
}

/// `[lo, inner…, hi]` without empty classes: ties make equal quantiles, and a class from a
/// bound to the same bound holds nothing. The last class, closed, may be a single value.
fn bounded(lo: f64, inner: impl IntoIterator<Item = f64>, hi: f64) -> Vec<f64> {
    let mut bounds = vec![lo];
    for b in inner {
        if bounds.last().is_some_and(|last| *last < b) {
            bounds.push(b);
        }
    }
    bounds.push(hi);
    bounds
}

/// The `p` quantile of ascending `sorted`, as `simple-statistics` takes it (R's type 7): at
/// `(n − 1)·p`, between the two neighbours in proportion when that is not whole.
pub fn quantile_sorted(sorted: &[f64], p: f64) -> f64 {
    let n = sorted.len();
    let at = |k: usize| sorted.get(k).copied().unwrap_or(f64::NAN);
    if n == 0 {
        return f64::NAN;
    }
    let idx = (n - 1) as f64 * p.clamp(0.0, 1.0);
    let lower = idx.floor();
    let fraction = idx - lower;
    let lower = lower as usize;
    if fraction == 0.0 {
        at(lower)
    } else {
        at(lower) + fraction * (at(lower + 1) - at(lower))
    }
}

/// Where each of `k` optimal classes of ascending `sorted` starts (the first at 0): the
/// least sum of squared distances to the class means.
pub fn ckmeans_starts(sorted: &[f64], k: usize) -> Vec<usize> {
    let n = sorted.len();
    if n == 0 || k <= 1 {
        return vec![0];
    }
    let k = k.min(n);
    // Prefix sums of the figures less the median, for the cost of any run in O(1); the
    // shift keeps the squares small.
    let shift = sorted.get(n / 2).copied().unwrap_or(0.0);
    let mut sums = Vec::with_capacity(n);
    let mut squares = Vec::with_capacity(n);
    let (mut s, mut q) = (0.0, 0.0);
    for v in sorted {
        let x = v - shift;
        s += x;
        q += x * x;
        sums.push(s);
        squares.push(q);
    }
    let cost = Cost {
        sums: &sums,
        squares: &squares,
    };
    // best[c][i]: least cost of c + 1 classes over sorted[..=i]; start[c][i]: where its
    // last class starts.
    let mut best = vec![vec![0.0; n]; k];
    let mut start = vec![vec![0usize; n]; k];
    if let Some(first) = best.first_mut() {
        for (i, b) in first.iter_mut().enumerate() {
            *b = cost.of(0, i);
        }
    }
    for c in 1..k {
        // Only the last row's last cell is read for the last class count.
        let from = if c + 1 < k { c } else { n - 1 };
        let (done, rest) = best.split_at_mut(c);
        let (Some(previous), Some(row)) = (done.last(), rest.first_mut()) else {
            continue;
        };
        let Some(starts) = start.get_mut(c) else {
            continue;
        };
        let mut fill = Fill {
            c,
            previous,
            row,
            starts,
            cost: &cost,
        };
        fill.column(from, n - 1);
    }
    // Back from the last figure: each class's start ends the one before.
    let mut out = vec![0; k];
    let mut right = n - 1;
    for c in (0..k).rev() {
        let left = start
            .get(c)
            .and_then(|r| r.get(right))
            .copied()
            .unwrap_or(0);
        if let Some(o) = out.get_mut(c) {
            *o = left;
        }
        right = left.saturating_sub(1);
    }
    out
}

/// The cost of a run of the sorted figures from prefix sums.
struct Cost<'a> {
    sums: &'a [f64],
    squares: &'a [f64],
}

impl Cost<'_> {
    /// Sum of squared distances to the mean of `sorted[j..=i]`.
    fn of(&self, j: usize, i: usize) -> f64 {
        let at = |v: &[f64], k: usize| v.get(k).copied().unwrap_or(0.0);
        let size = (i + 1 - j) as f64;
        let (s, q) = if j > 0 {
            (
                at(self.sums, i) - at(self.sums, j - 1),
                at(self.squares, i) - at(self.squares, j - 1),
            )
        } else {
            (at(self.sums, i), at(self.squares, i))
        };
        (q - s * s / size).max(0.0)
    }
}

/// One row of the dynamic programme, filled by divide and conquer: the best start for a
/// cell lies between the best starts of its neighbours (the monotonicity Wang and Song
/// prove), so each level of the recursion scans each start once.
struct Fill<'a> {
    c: usize,
    previous: &'a [f64],
    row: &'a mut [f64],
    starts: &'a mut [usize],
    cost: &'a Cost<'a>,
}

impl Fill<'_> {
    fn column(&mut self, lo: usize, hi: usize) {
        if lo > hi {
            return;
        }
        let i = (lo + hi) / 2;
        let prev = |j: usize| self.previous.get(j).copied().unwrap_or(f64::INFINITY);
        let start_at = |starts: &[usize], k: usize| starts.get(k).copied().unwrap_or(0);
        // The smallest start: the class count, and the best start of the cell before.
        let mut low = self.c;
        if lo > self.c {
            low = low.max(start_at(self.starts, lo - 1));
        }
        let mut high = i;
        if hi + 1 < self.row.len() {
            high = high.min(start_at(self.starts, hi + 1));
        }
        // The last class as the lone figure `i` first, as simple-statistics starts: among
        // equal costs the first found stays, so ties break as there.
        let mut best = prev(i.wrapping_sub(1));
        let mut best_j = i;
        for j in (low..=high.min(i)).rev() {
            let total = self.cost.of(j, i) + prev(j - 1);
            if total < best {
                best = total;
                best_j = j;
            }
        }
        if let Some(r) = self.row.get_mut(i) {
            *r = best;
        }
        if let Some(s) = self.starts.get_mut(i) {
            *s = best_j;
        }
        if i > lo {
            self.column(lo, i - 1);
        }
        self.column(i + 1, hi);
    }
}
