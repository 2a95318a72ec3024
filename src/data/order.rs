//! Orders by a number: one sort in the wasm for every caller (each generic sort call site
//! adds its own 2–4 KB of sorting code to the download).

/// The indices of `keys`, smallest key first (equal keys in index order; NaN last).
pub fn ascending(keys: &[f64]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..keys.len()).collect();
    let key = |k: &usize| keys.get(*k).copied().unwrap_or(f64::NAN);
    order.sort_by(|a, b| key(a).total_cmp(&key(b)).then(a.cmp(b)));
    order
}
