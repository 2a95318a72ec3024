//! The view: the plane fitted into the canvas (CSS pixels) with padding, and back; zooming
//! and panning from that first ("home") view within limits, and easing between two views.

use crate::geo::coords::{within, Css, Plane, PlaneBox};

/// The closest zoom, as a multiple of the home view's scale: at 16× the region's 120 m
/// simplification is still under a pixel on a phone, and a park fills a good part of it.
pub const MAX_ZOOM: f64 = 16.0;

/// A uniform scale plus offset from plane metres to CSS pixels, north up.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct View {
    /// CSS pixels per metre.
    pub scale: f64,
    /// CSS x of plane x = 0.
    pub tx: f64,
    /// CSS y of plane y = 0.
    pub ty: f64,
    /// Canvas width in CSS pixels.
    pub width: f64,
    /// Canvas height in CSS pixels.
    pub height: f64,
}

impl View {
    /// Fits `bounds` centred into a `width`×`height` canvas leaving `padding` px on each
    /// side. `None` if the canvas or the bounds have no usable size.
    pub fn fit(bounds: PlaneBox, width: f64, height: f64, padding: f64) -> Option<View> {
        let (w, h) = (width - 2.0 * padding, height - 2.0 * padding);
        let (bw, bh) = (bounds.width(), bounds.height());
        if !(w > 0.0 && h > 0.0 && bw > 0.0 && bh > 0.0 && w.is_finite() && h.is_finite()) {
            return None;
        }
        let scale = (w / bw).min(h / bh);
        let cx = (bounds.min.x + bounds.max.x) / 2.0;
        let cy = (bounds.min.y + bounds.max.y) / 2.0;
        Some(View {
            scale,
            tx: width / 2.0 - cx * scale,
            ty: height / 2.0 + cy * scale,
            width,
            height,
        })
    }

    /// Plane → CSS pixels.
    pub fn to_css(&self, p: Plane) -> Css {
        Css {
            x: p.x * self.scale + self.tx,
            y: self.ty - p.y * self.scale,
        }
    }

    /// CSS pixels → plane; `None` for non-finite input.
    pub fn to_plane(&self, c: Css) -> Option<Plane> {
        let p = Plane {
            x: (c.x - self.tx) / self.scale,
            y: (self.ty - c.y) / self.scale,
        };
        (p.x.is_finite() && p.y.is_finite()).then_some(p)
    }

    /// The part of the plane the canvas shows; `None` for a degenerate view.
    pub fn visible(&self) -> Option<PlaneBox> {
        let corners = [
            Css { x: 0.0, y: 0.0 },
            Css {
                x: self.width,
                y: self.height,
            },
        ];
        PlaneBox::around(corners.into_iter().filter_map(|c| self.to_plane(c)))
    }

    /// The canvas backing-store size in device pixels for a device-pixel ratio.
    pub fn device_size(&self, dpr: f64) -> (u32, u32) {
        let ratio = if dpr.is_finite() && dpr > 0.0 {
            dpr
        } else {
            1.0
        };
        let px = |v: f64| within((v * ratio).round(), 1.0, 16_384.0) as u32;
        (px(self.width), px(self.height))
    }

    /// The plane point at the canvas's centre.
    pub fn center(&self) -> Plane {
        Plane {
            x: (self.width / 2.0 - self.tx) / self.scale,
            y: (self.ty - self.height / 2.0) / self.scale,
        }
    }

    /// The same canvas at `scale`, centred on `center`.
    pub fn centred_on(&self, center: Plane, scale: f64) -> View {
        View {
            scale,
            tx: self.width / 2.0 - center.x * scale,
            ty: self.height / 2.0 + center.y * scale,
            ..*self
        }
    }

    /// How far this view is zoomed in from `home`, as a multiple of its scale.
    pub fn zoom(&self, home: &View) -> f64 {
        self.scale / home.scale
    }

    /// This view brought within the limits: zoom between the home view and [`MAX_ZOOM`], and
    /// the region (`bounds`) kept on screen: along each axis where the region is wider than
    /// the canvas, no empty margin opens beyond its edge; where it fits, it stays centred.
    pub fn clamped(&self, home: &View, bounds: PlaneBox) -> View {
        let scale = within(self.scale, home.scale, home.scale * MAX_ZOOM).max(f64::MIN_POSITIVE);
        let c = self.center();
        let half_w = self.width / 2.0 / scale;
        let half_h = self.height / 2.0 / scale;
        let axis = |c: f64, min: f64, max: f64, half: f64| {
            if max - min <= 2.0 * half {
                (min + max) / 2.0
            } else {
                within(c, min + half, max - half)
            }
        };
        let center = Plane {
            x: axis(c.x, bounds.min.x, bounds.max.x, half_w),
            y: axis(c.y, bounds.min.y, bounds.max.y, half_h),
        };
        self.centred_on(center, scale)
    }

    /// Zoomed by `factor` keeping the plane point under `about` where it is, within limits.
    pub fn zoomed_about(&self, home: &View, bounds: PlaneBox, factor: f64, about: Css) -> View {
        let Some(fixed) = self.to_plane(about) else {
            return *self;
        };
        let factor = if factor.is_finite() && factor > 0.0 {
            factor
        } else {
            1.0
        };
        let scale = within(self.scale * factor, home.scale, home.scale * MAX_ZOOM);
        // Keep `fixed` under `about`: about = fixed * scale + t.
        let view = View {
            scale,
            tx: about.x - fixed.x * scale,
            ty: about.y + fixed.y * scale,
            ..*self
        };
        view.clamped(home, bounds)
    }

    /// Moved by (`dx`, `dy`) CSS pixels (the content follows the pointer), within limits.
    pub fn panned(&self, home: &View, bounds: PlaneBox, dx: f64, dy: f64) -> View {
        if !(dx.is_finite() && dy.is_finite()) {
            return *self;
        }
        View {
            tx: self.tx + dx,
            ty: self.ty + dy,
            ..*self
        }
        .clamped(home, bounds)
    }

    /// A view that shows `target` (a place's box) comfortably: centred, at the zoom that fits
    /// it into `fill` of the canvas, at least `min_zoom` and within limits.
    pub fn framing(
        &self,
        home: &View,
        bounds: PlaneBox,
        target: PlaneBox,
        fill: f64,
        min_zoom: f64,
    ) -> View {
        let fit = |extent: f64, canvas: f64| {
            if extent > 0.0 {
                canvas * fill / extent
            } else {
                f64::INFINITY
            }
        };
        let scale = fit(target.width(), self.width)
            .min(fit(target.height(), self.height))
            .min(home.scale * MAX_ZOOM)
            .max(home.scale * min_zoom);
        let center = Plane {
            x: (target.min.x + target.max.x) / 2.0,
            y: (target.min.y + target.max.y) / 2.0,
        };
        self.centred_on(center, scale).clamped(home, bounds)
    }

    /// The view a fraction `t` (0 to 1) of the way from `self` to `to`: the zoom changes
    /// geometrically and the centre linearly, so the motion feels even.
    pub fn eased_to(&self, to: &View, t: f64) -> View {
        let t = within(t, 0.0, 1.0);
        if t >= 1.0 {
            return *to; // the last frame lands exactly where it was going
        }
        let scale = self.scale * ((to.scale / self.scale).ln() * t).exp();
        let (a, b) = (self.center(), to.center());
        let center = Plane {
            x: a.x + (b.x - a.x) * t,
            y: a.y + (b.y - a.y) * t,
        };
        to.centred_on(center, scale)
    }
}
