//! Values that differ between grid operators: configuration, not constants.
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct OperatorConfig {
    /// ID-5: main fuse sizes (A) that may be chosen.
    pub fuse_sizes_a: Vec<u32>,
    /// CASE-2: the longest temporary break, in minutes.
    pub max_break_minutes: i64,
    /// CASE-2: a fuse change may not be repeated on a facility within this many months.
    pub fuse_change_interval_months: u32,
    /// CASE-7: a submitted case not completed within this many years is read-only.
    pub case_read_only_after_years: i32,
    /// Where to e-mail about cases the portal no longer handles (CASE-7).
    pub connection_unit_email: String,
    pub facility_unit_email: String,
    /// Feed-in power (kW) the main fuse allows, as (fuse A, kW) pairs.
    pub max_feed_in_kw_by_fuse: Vec<(u32, f64)>,
    /// A production facility feeding in more than this (kW) needs a site plan with its boundaries.
    pub site_plan_above_kw: f64,
    /// Lead times, counted from the day the case is submitted: a temporary
    /// break (calendar days), a permanent disconnection (calendar days), an
    /// event's connection (working days, Monday to Friday).
    pub break_notice_days: i64,
    pub disconnection_notice_days: i64,
    pub event_notice_working_days: u32,
}

impl Default for OperatorConfig {
    fn default() -> Self {
        Self {
            fuse_sizes_a: vec![10, 16, 20, 25, 35, 50, 63, 80, 100, 125, 160, 200],
            max_break_minutes: 120,
            fuse_change_interval_months: 12,
            case_read_only_after_years: 2,
            connection_unit_email: "elanslutning@natbolaget.example".into(),
            facility_unit_email: "elanlaggning@natbolaget.example".into(),
            max_feed_in_kw_by_fuse: vec![(16, 11.0), (20, 13.8), (25, 17.2), (35, 24.0), (50, 34.5), (63, 43.5)],
            site_plan_above_kw: 43.5,
            break_notice_days: 7,
            disconnection_notice_days: 30,
            event_notice_working_days: 10,
        }
    }
}

impl OperatorConfig {
    pub fn unit_email(&self, unit: super::Unit) -> &str {
        match unit {
            super::Unit::Connection => &self.connection_unit_email,
            super::Unit::Facility => &self.facility_unit_email,
        }
    }

    /// The feed-in limit for a main fuse, if the operator sets one.
    pub fn max_feed_in_kw(&self, fuse_a: u32) -> Option<f64> {
        self.max_feed_in_kw_by_fuse.iter().find(|(f, _)| *f == fuse_a).map(|(_, kw)| *kw)
    }
}
