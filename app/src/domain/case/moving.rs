//! ADM-4: what a move to another company needs on each case. The customer's
//! approval (the forwarded e-mail conversation) always; for a production
//! facility also a new power of attorney (`fullmakt`) signed by the customer.
//! "New" means attached after the case last changed company — or, if it never
//! did, after it was submitted — so a document from an earlier round can never
//! serve again.
use super::catalogue::{AttachmentKind, CaseType};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// CASE-13: a case as the person moving it saw it — its id and the version
/// their list showed. A move of a case that has changed since is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SeenCase {
    pub id: i32,
    pub version: i32,
}

impl SeenCase {
    /// As a checkbox of a form carries it: `<id>:<version>`.
    pub fn to_form_value(self) -> String {
        format!("{}:{}", self.id, self.version)
    }

    /// The cases a form without scripts marked (UX-1); `None` if any value
    /// is not one the page wrote.
    pub fn parse_form_values(values: &[String]) -> Option<Vec<SeenCase>> {
        values
            .iter()
            .map(|v| {
                let (id, version) = v.split_once(':')?;
                Some(SeenCase { id: id.trim().parse().ok()?, version: version.trim().parse().ok()? })
            })
            .collect()
    }
}

/// CASE-6, ADM-4: whether two organisation numbers are one company. A team
/// of an installer without a company (ACC-6) has none, and is a company of
/// its own: it matches no other team, not even another without one.
pub fn same_company(a: &str, b: &str) -> bool {
    !a.trim().is_empty() && a == b
}

/// The evidence kinds a cross-company move asks for.
pub const MOVE_EVIDENCE: [AttachmentKind; 2] = [AttachmentKind::KundensGodkannande, AttachmentKind::Fullmakt];

/// The attachments a move of this case to `to_organisationsnummer` still
/// lacks, given the case's attachments (kind, when attached) and the moment
/// from which a document counts as new. Empty when the move may go ahead.
pub fn missing_move_evidence(
    case_type: &CaseType,
    from_organisationsnummer: &str,
    to_organisationsnummer: &str,
    attachments: &[(AttachmentKind, DateTime<Utc>)],
    counts_from: Option<DateTime<Utc>>,
) -> Vec<AttachmentKind> {
    if same_company(from_organisationsnummer, to_organisationsnummer) {
        return Vec::new();
    }
    let fresh = |kind: AttachmentKind| attachments.iter().any(|(k, at)| *k == kind && counts_from.is_none_or(|from| *at >= from));
    let mut needed = vec![AttachmentKind::KundensGodkannande];
    if case_type.is_production {
        needed.push(AttachmentKind::Fullmakt);
    }
    needed.into_iter().filter(|k| !fresh(*k)).collect()
}

/// The refusal line for one case, e.g. "Ä-2026-00012 saknar kundens
/// godkännande och en ny fullmakt."
pub fn describe_missing(case_number: &str, missing: &[AttachmentKind]) -> String {
    let names: Vec<&str> = missing
        .iter()
        .map(|k| match k {
            AttachmentKind::KundensGodkannande => "kundens godkännande (det vidarebefordrade mejlet)",
            AttachmentKind::Fullmakt => "en ny fullmakt undertecknad av kunden",
            _ => "en bilaga",
        })
        .collect();
    format!("{case_number} saknar {}.", names.join(" och "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marked_cases_come_back_from_their_form_values() {
        let seen = [SeenCase { id: 7, version: 3 }, SeenCase { id: 12, version: 1 }];
        let values: Vec<String> = seen.iter().map(|s| s.to_form_value()).collect();
        assert_eq!(SeenCase::parse_form_values(&values), Some(seen.to_vec()));
        assert_eq!(SeenCase::parse_form_values(&["7".into()]), None);
        assert_eq!(SeenCase::parse_form_values(&["x:1".into()]), None);
        assert_eq!(SeenCase::parse_form_values(&[]), Some(vec![]));
    }
    use chrono::TimeZone;

    fn t(day: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, day, 12, 0, 0).unwrap()
    }

    fn case_type(production: bool) -> &'static CaseType {
        super::super::CATALOGUE.iter().find(|c| c.is_production == production).unwrap()
    }

    const A: &str = "5561234500";
    const B: &str = "5562345610";

    // covers: ADM-4
    #[test]
    fn same_company_needs_nothing() {
        assert!(missing_move_evidence(case_type(true), A, A, &[], Some(t(1))).is_empty());
    }

    // covers: ADM-4
    #[test]
    fn another_company_needs_the_customers_approval() {
        let ct = case_type(false);
        assert_eq!(missing_move_evidence(ct, A, B, &[], Some(t(1))), vec![AttachmentKind::KundensGodkannande]);
        let approved = [(AttachmentKind::KundensGodkannande, t(2))];
        assert!(missing_move_evidence(ct, A, B, &approved, Some(t(1))).is_empty());
    }

    // covers: ADM-4
    #[test]
    fn production_facility_also_needs_a_new_fullmakt() {
        let ct = case_type(true);
        let approved = [(AttachmentKind::KundensGodkannande, t(2))];
        assert_eq!(missing_move_evidence(ct, A, B, &approved, Some(t(1))), vec![AttachmentKind::Fullmakt]);
        // The fullmakt sent in with the case is not new.
        let old_fullmakt = [(AttachmentKind::KundensGodkannande, t(2)), (AttachmentKind::Fullmakt, t(1) - chrono::Duration::days(3))];
        assert_eq!(missing_move_evidence(ct, A, B, &old_fullmakt, Some(t(1))), vec![AttachmentKind::Fullmakt]);
        let fresh = [(AttachmentKind::KundensGodkannande, t(2)), (AttachmentKind::Fullmakt, t(3))];
        assert!(missing_move_evidence(ct, A, B, &fresh, Some(t(1))).is_empty());
    }

    // covers: ADM-4
    #[test]
    fn evidence_from_before_the_last_company_change_does_not_count() {
        let ct = case_type(false);
        let earlier_round = [(AttachmentKind::KundensGodkannande, t(2))];
        assert_eq!(missing_move_evidence(ct, A, B, &earlier_round, Some(t(5))), vec![AttachmentKind::KundensGodkannande]);
    }

    // covers: ADM-4, CASE-6, ACC-6
    #[test]
    fn installers_without_a_company_are_each_a_company_of_their_own() {
        assert!(same_company(A, A));
        assert!(!same_company(A, B));
        assert!(!same_company("", ""));
        assert!(!same_company("", A));
        assert_eq!(missing_move_evidence(case_type(false), "", "", &[], Some(t(1))), vec![AttachmentKind::KundensGodkannande]);
    }

    #[test]
    fn the_refusal_names_each_missing_document() {
        let line = describe_missing("Ä-1", &[AttachmentKind::KundensGodkannande, AttachmentKind::Fullmakt]);
        assert!(line.starts_with("Ä-1 saknar kundens godkännande"), "{line}");
        assert!(line.contains("ny fullmakt"), "{line}");
    }
}
