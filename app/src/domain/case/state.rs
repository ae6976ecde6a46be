//! CASE-3: the states of a case and who moves it between them. Any
//! transition not listed here is refused with a message naming the state.
use chrono::{DateTime, Months, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
// Stored as its code; an unknown stored value is an error, never a guess.
#[cfg_attr(feature = "ssr", derive(sea_orm::DeriveActiveEnum, sea_orm::EnumIter))]
#[cfg_attr(feature = "ssr", sea_orm(rs_type = "String", db_type = "Text"))]
pub enum CaseState {
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "utkast"))]
    Utkast,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "pagaende"))]
    Pagaende,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "komplettera"))]
    Komplettera,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "fardiganmald"))]
    Fardiganmald,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "arkiv"))]
    Arkiv,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "makulerad"))]
    Makulerad,
}

impl CaseState {
    pub const ALL: [CaseState; 6] = [
        CaseState::Utkast,
        CaseState::Pagaende,
        CaseState::Komplettera,
        CaseState::Fardiganmald,
        CaseState::Arkiv,
        CaseState::Makulerad,
    ];

    pub fn code(self) -> &'static str {
        match self {
            CaseState::Utkast => "utkast",
            CaseState::Pagaende => "pagaende",
            CaseState::Komplettera => "komplettera",
            CaseState::Fardiganmald => "fardiganmald",
            CaseState::Arkiv => "arkiv",
            CaseState::Makulerad => "makulerad",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    /// The routine's word.
    pub fn label(self) -> &'static str {
        match self {
            CaseState::Utkast => "Utkast",
            CaseState::Pagaende => "Pågående",
            CaseState::Komplettera => "Komplettera",
            CaseState::Fardiganmald => "Färdiganmäld",
            CaseState::Arkiv => "Arkiv",
            CaseState::Makulerad => "Makulerad",
        }
    }

    /// Still being worked on (counts against TEAM-5 and TEAM-6).
    pub fn is_active(self) -> bool {
        !matches!(self, CaseState::Arkiv | CaseState::Makulerad)
    }
}

/// Something done to a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CaseAction {
    /// Change fields or attachments.
    Edit,
    /// Send the föranmälan.
    Submit,
    /// A handler asks for more, with a message.
    RequestSupplement,
    /// The installer answers a request for supplement.
    AnswerSupplement,
    /// The installer reports the work done (färdiganmälan).
    ReportCompletion,
    /// A handler closes a completed case.
    Archive,
    /// CASE-8: the installer asks the unit to cancel.
    RequestCancellation,
    ConfirmCancellation,
    RejectCancellation,
    DeleteDraft,
}

impl CaseAction {
    pub fn verb(self) -> &'static str {
        match self {
            CaseAction::Edit => "ändras",
            CaseAction::Submit => "skickas in",
            CaseAction::RequestSupplement => "skickas tillbaka för komplettering",
            CaseAction::AnswerSupplement => "kompletteras",
            CaseAction::ReportCompletion => "färdiganmälas",
            CaseAction::Archive => "arkiveras",
            CaseAction::RequestCancellation | CaseAction::ConfirmCancellation => "makuleras",
            CaseAction::RejectCancellation => "få makuleringen avslagen",
            CaseAction::DeleteDraft => "tas bort",
        }
    }
}

/// Who acts, as far as the state machine cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseActor {
    /// The installer who holds the case.
    Holder { may_report_completion: bool },
    /// A handler; `own_unit` when the case belongs to their unit.
    Handler { own_unit: bool },
    /// Customer service acting for the installer (ADM-2).
    AdminActing,
    /// Anyone else (another installer, the team owner, a handler of another unit).
    Other,
}

/// Who may take an action another tried.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Responsible {
    #[error("installatören som har ärendet")]
    Holder,
    #[error("en handläggare på den enhet som ärendet hör till")]
    UnitHandler,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TransitionError {
    #[error("Ärendet är i läget {} och kan inte {}.", .state.label(), .action.verb())]
    WrongState { state: CaseState, action: CaseAction },
    #[error("Bara en elinstallatör kan färdiganmäla, eftersom färdiganmälan intygar att arbetet är utfört av en behörig person.")]
    NotAnElectrician,
    #[error("Makulering begärs av installatören själv; kundservice får inte göra det åt installatören.")]
    AdminMayNotCancel,
    #[error("Det här får bara {0} göra.")]
    WrongActor(Responsible),
    /// CASE-8: a cancellation request waits for the handler's decision.
    #[error("Makulering är begärd och väntar på handläggarens beslut; ärendet kan inte {} innan dess.", .0.verb())]
    CancellationPending(CaseAction),
    #[error("Makulering är redan begärd och väntar på handläggaren.")]
    CancellationAlreadyRequested,
    #[error("Ingen makulering är begärd för ärendet.")]
    NoCancellationRequested,
}

/// Where a case stands, as far as the state machine cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CaseStatus {
    pub state: CaseState,
    /// CASE-8: the installer's cancellation request awaits the handler.
    pub cancellation_pending: bool,
}

impl CaseStatus {
    pub fn new(state: CaseState, cancellation_pending: bool) -> Self {
        Self { state, cancellation_pending }
    }
}

/// The state after `action`, or why it is refused. CASE-3 decides by state;
/// CASE-8 adds that a pending cancellation request is decided by the handler
/// before anything else moves the case: while it waits, the case cannot be
/// reported complete (it would then sit in `Begärda makuleringar` for ever,
/// since a completed case cannot be cancelled), sent back for supplement, or
/// asked to be cancelled again; without one, there is nothing to confirm or reject.
pub fn transition(status: CaseStatus, action: CaseAction, actor: CaseActor) -> Result<CaseState, TransitionError> {
    use CaseAction as A;
    let next = transition_by_state(status.state, action, actor)?;
    match (status.cancellation_pending, action) {
        (true, A::RequestCancellation) => Err(TransitionError::CancellationAlreadyRequested),
        (true, A::ReportCompletion | A::RequestSupplement) => Err(TransitionError::CancellationPending(action)),
        (false, A::ConfirmCancellation | A::RejectCancellation) => Err(TransitionError::NoCancellationRequested),
        _ => Ok(next),
    }
}

/// CASE-3 alone: the state after `action` by the state and the actor.
fn transition_by_state(state: CaseState, action: CaseAction, actor: CaseActor) -> Result<CaseState, TransitionError> {
    use CaseAction as A;
    use CaseState as S;
    let holder = matches!(actor, CaseActor::Holder { .. });
    let handler = matches!(actor, CaseActor::Handler { own_unit: true });
    let wrong_state = Err(TransitionError::WrongState { state, action });
    match action {
        A::Edit | A::Submit | A::AnswerSupplement | A::ReportCompletion | A::DeleteDraft | A::RequestCancellation
            if !holder =>
        {
            if action == A::RequestCancellation && actor == CaseActor::AdminActing {
                Err(TransitionError::AdminMayNotCancel)
            } else {
                Err(TransitionError::WrongActor(Responsible::Holder))
            }
        }
        A::RequestSupplement | A::Archive | A::ConfirmCancellation | A::RejectCancellation if !handler => {
            Err(TransitionError::WrongActor(Responsible::UnitHandler))
        }
        A::Edit => match state {
            S::Utkast | S::Komplettera => Ok(state),
            _ => wrong_state,
        },
        A::Submit => match state {
            S::Utkast => Ok(S::Pagaende),
            _ => wrong_state,
        },
        A::DeleteDraft => match state {
            S::Utkast => Ok(S::Utkast),
            _ => wrong_state,
        },
        A::RequestSupplement => match state {
            S::Pagaende => Ok(S::Komplettera),
            _ => wrong_state,
        },
        A::AnswerSupplement => match state {
            S::Komplettera => Ok(S::Pagaende),
            _ => wrong_state,
        },
        A::ReportCompletion => match (state, actor) {
            (S::Pagaende, CaseActor::Holder { may_report_completion: true }) => Ok(S::Fardiganmald),
            (S::Pagaende, _) => Err(TransitionError::NotAnElectrician),
            _ => wrong_state,
        },
        A::Archive => match state {
            S::Fardiganmald => Ok(S::Arkiv),
            _ => wrong_state,
        },
        A::RequestCancellation | A::RejectCancellation => match state {
            S::Pagaende | S::Komplettera => Ok(state),
            _ => wrong_state,
        },
        A::ConfirmCancellation => match state {
            S::Pagaende | S::Komplettera => Ok(S::Makulerad),
            _ => wrong_state,
        },
    }
}

/// CASE-5, CASE-6, ADM-3: only cases in progress move between installers and teams.
pub fn check_movable(state: CaseState) -> Result<(), super::problems::NotMovable> {
    use super::problems::NotMovable;
    match state {
        CaseState::Pagaende | CaseState::Komplettera => Ok(()),
        CaseState::Utkast => Err(NotMovable::Draft),
        CaseState::Fardiganmald => Err(NotMovable::Completed),
        CaseState::Arkiv => Err(NotMovable::Archived),
        CaseState::Makulerad => Err(NotMovable::Cancelled),
    }
}

/// CASE-7: a case submitted more than `years` ago and not yet completed can
/// no longer be handled in the portal.
pub fn is_read_only_by_age(state: CaseState, submitted_at: Option<DateTime<Utc>>, now: DateTime<Utc>, years: i32) -> bool {
    let open = matches!(state, CaseState::Pagaende | CaseState::Komplettera);
    let months = Months::new(12 * years.max(0) as u32);
    open && submitted_at.and_then(|s| s.checked_add_months(months)).is_some_and(|limit| now > limit)
}

#[cfg(test)]
mod tests {
    use super::*;
    use CaseAction as A;
    use CaseState as S;

    const HOLDER: CaseActor = CaseActor::Holder { may_report_completion: true };
    const OFFICE: CaseActor = CaseActor::Holder { may_report_completion: false };
    const HANDLER: CaseActor = CaseActor::Handler { own_unit: true };
    const OTHER_UNIT: CaseActor = CaseActor::Handler { own_unit: false };

    const ACTIONS: [CaseAction; 10] = [
        A::Edit,
        A::Submit,
        A::RequestSupplement,
        A::AnswerSupplement,
        A::ReportCompletion,
        A::Archive,
        A::RequestCancellation,
        A::ConfirmCancellation,
        A::RejectCancellation,
        A::DeleteDraft,
    ];

    /// The complete list of allowed (state, action, actor) → state.
    fn allowed(state: CaseState, action: CaseAction, actor: CaseActor) -> Option<CaseState> {
        match (state, action, actor) {
            (S::Utkast, A::Edit, CaseActor::Holder { .. }) => Some(S::Utkast),
            (S::Komplettera, A::Edit, CaseActor::Holder { .. }) => Some(S::Komplettera),
            (S::Utkast, A::Submit, CaseActor::Holder { .. }) => Some(S::Pagaende),
            (S::Utkast, A::DeleteDraft, CaseActor::Holder { .. }) => Some(S::Utkast),
            (S::Pagaende, A::RequestSupplement, HANDLER) => Some(S::Komplettera),
            (S::Komplettera, A::AnswerSupplement, CaseActor::Holder { .. }) => Some(S::Pagaende),
            (S::Pagaende, A::ReportCompletion, HOLDER) => Some(S::Fardiganmald),
            (S::Fardiganmald, A::Archive, HANDLER) => Some(S::Arkiv),
            (S::Pagaende | S::Komplettera, A::RequestCancellation, CaseActor::Holder { .. }) => Some(state),
            (S::Pagaende | S::Komplettera, A::RejectCancellation, HANDLER) => Some(state),
            (S::Pagaende | S::Komplettera, A::ConfirmCancellation, HANDLER) => Some(S::Makulerad),
            _ => None,
        }
    }

    // covers: CASE-3
    #[test]
    fn every_allowed_and_every_refused_transition() {
        for state in CaseState::ALL {
            for action in ACTIONS {
                for actor in [HOLDER, OFFICE, HANDLER, OTHER_UNIT, CaseActor::AdminActing, CaseActor::Other] {
                    // Without a pending request there is nothing to confirm or reject.
                    let expected = allowed(state, action, actor).filter(|_| !matches!(action, A::ConfirmCancellation | A::RejectCancellation));
                    let got = transition(CaseStatus::new(state, false), action, actor).ok();
                    assert_eq!(got, expected, "{state:?} {action:?} {actor:?}");
                }
            }
        }
    }

    // covers: CASE-3
    #[test]
    fn refusals_name_the_current_state() {
        let e = transition(CaseStatus::new(S::Fardiganmald, false), A::Submit, HOLDER).unwrap_err();
        assert_eq!(e.to_string(), "Ärendet är i läget Färdiganmäld och kan inte skickas in.");
        let e = transition(CaseStatus::new(S::Arkiv, false), A::RequestSupplement, HANDLER).unwrap_err();
        assert!(e.to_string().contains("Arkiv"));
    }

    // covers: CASE-3, ACC-1
    #[test]
    fn only_an_elinstallator_reports_completion() {
        assert_eq!(transition(CaseStatus::new(S::Pagaende, false), A::ReportCompletion, OFFICE), Err(TransitionError::NotAnElectrician));
        assert_eq!(transition(CaseStatus::new(S::Pagaende, false), A::ReportCompletion, HOLDER), Ok(S::Fardiganmald));
    }

    // covers: CASE-8
    #[test]
    fn customer_service_may_not_cancel_for_the_installer() {
        assert_eq!(transition(CaseStatus::new(S::Pagaende, false), A::RequestCancellation, CaseActor::AdminActing), Err(TransitionError::AdminMayNotCancel));
        assert_eq!(transition(CaseStatus::new(S::Pagaende, false), A::RequestCancellation, HOLDER), Ok(S::Pagaende));
        assert!(transition(CaseStatus::new(S::Pagaende, false), A::RequestCancellation, CaseActor::Other).is_err());
    }

    // covers: CASE-8, CASE-3
    #[test]
    fn a_pending_cancellation_is_decided_before_anything_else_moves_the_case() {
        for state in CaseState::ALL {
            for action in ACTIONS {
                for actor in [HOLDER, OFFICE, HANDLER, OTHER_UNIT, CaseActor::AdminActing, CaseActor::Other] {
                    let pending = transition(CaseStatus::new(state, true), action, actor);
                    let by_state = allowed(state, action, actor);
                    let expected = match action {
                        A::ReportCompletion | A::RequestSupplement | A::RequestCancellation => None,
                        _ => by_state,
                    };
                    assert_eq!(pending.clone().ok(), expected, "{state:?} {action:?} {actor:?}");
                    if by_state.is_some() && expected.is_none() {
                        assert!(pending.unwrap_err().to_string().contains("Makulering är"), "{state:?} {action:?}");
                    }
                }
            }
        }
        for action in [A::ConfirmCancellation, A::RejectCancellation] {
            assert_eq!(transition(CaseStatus::new(S::Pagaende, false), action, HANDLER), Err(TransitionError::NoCancellationRequested));
            assert!(transition(CaseStatus::new(S::Pagaende, true), action, HANDLER).is_ok());
        }
        let refused = transition(CaseStatus::new(S::Pagaende, true), A::ReportCompletion, HOLDER).unwrap_err();
        assert_eq!(refused.to_string(), "Makulering är begärd och väntar på handläggarens beslut; ärendet kan inte färdiganmälas innan dess.");
    }

    // covers: CASE-6, CASE-5
    #[test]
    fn only_cases_in_progress_move() {
        assert!(check_movable(S::Pagaende).is_ok());
        assert!(check_movable(S::Komplettera).is_ok());
        for s in [S::Utkast, S::Fardiganmald, S::Arkiv, S::Makulerad] {
            assert!(check_movable(s).is_err(), "{s:?}");
        }
        assert!(check_movable(S::Fardiganmald).unwrap_err().to_string().contains("Färdiganmälda"));
    }

    // covers: CASE-7
    #[test]
    fn two_years_after_submission_an_open_case_is_read_only() {
        let submitted = "2024-11-28T10:00:00Z".parse::<DateTime<Utc>>().unwrap();
        let just_before = "2026-11-28T09:59:00Z".parse::<DateTime<Utc>>().unwrap();
        let just_after = "2026-11-28T10:01:00Z".parse::<DateTime<Utc>>().unwrap();
        assert!(!is_read_only_by_age(S::Pagaende, Some(submitted), just_before, 2));
        assert!(is_read_only_by_age(S::Pagaende, Some(submitted), just_after, 2));
        assert!(is_read_only_by_age(S::Komplettera, Some(submitted), just_after, 2));
        assert!(!is_read_only_by_age(S::Fardiganmald, Some(submitted), just_after, 2));
        assert!(!is_read_only_by_age(S::Utkast, None, just_after, 2));
    }
}
