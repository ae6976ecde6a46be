//! Who may do what to a team (TEAM-3, TEAM-4, TEAM-6, TEAM-7): one table,
//! decided here and nowhere else.

/// TEAM-7: where an offer of a team's ownership stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
// Stored as its code; an unknown stored value is an error, never a guess.
#[cfg_attr(feature = "ssr", derive(sea_orm::DeriveActiveEnum, sea_orm::EnumIter))]
#[cfg_attr(feature = "ssr", sea_orm(rs_type = "String", db_type = "Text"))]
pub enum OfferStatus {
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "pending"))]
    Pending,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "accepted"))]
    Accepted,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "declined"))]
    Declined,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "withdrawn"))]
    Withdrawn,
    /// The receiver left the team, or the team was deleted.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "void"))]
    Void,
}

/// How the asking person relates to a team.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TeamRelation {
    Owner,
    Member,
    /// Not in the team. They are not told the team exists.
    Outsider,
    /// Customer service: sees every team (acting rules come with ADM-2).
    Admin,
}

/// What someone wants to do to a team.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TeamAction {
    View,
    /// Change the team's name and contact details.
    Edit,
    AddMember,
    RemoveMember,
    Delete,
    OfferOwnership,
    WithdrawOwnershipOffer,
    /// Accept or decline an offer made to oneself (checked against the offer too).
    AnswerOwnershipOffer,
}

/// Why an action is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TeamDenial {
    /// Answer as if the team did not exist (do not confirm it to outsiders).
    Hidden,
    /// The person sees the team but may not do this.
    NotAllowed,
}

/// TEAM-4: only the owner changes the team; members see it; a member may
/// answer an ownership offer made to them; outsiders learn nothing.
pub fn authorize(relation: TeamRelation, action: TeamAction) -> Result<(), TeamDenial> {
    use TeamAction::*;
    use TeamRelation::*;
    match (relation, action) {
        (Outsider, _) => Err(TeamDenial::Hidden),
        (Owner, AnswerOwnershipOffer) => Err(TeamDenial::NotAllowed),
        (Owner, _) => Ok(()),
        (Member, View | AnswerOwnershipOffer) => Ok(()),
        (Member, _) => Err(TeamDenial::NotAllowed),
        (Admin, View) => Ok(()),
        // Admins create teams through support (TEAM-8) and change one only while acting for its owner (ADM-2).
        (Admin, _) => Err(TeamDenial::NotAllowed),
    }
}

/// The longest team name we keep.
pub const MAX_TEAM_NAME_CHARS: usize = 100;

#[cfg(test)]
mod tests {
    use super::*;
    use TeamAction::*;
    use TeamRelation::*;

    const ALL_ACTIONS: [TeamAction; 8] =
        [View, Edit, AddMember, RemoveMember, Delete, OfferOwnership, WithdrawOwnershipOffer, AnswerOwnershipOffer];

    // covers: TEAM-4
    #[test]
    fn the_whole_table() {
        let expected = |rel: TeamRelation, act: TeamAction| -> Result<(), TeamDenial> {
            match rel {
                Outsider => Err(TeamDenial::Hidden),
                Owner if act == AnswerOwnershipOffer => Err(TeamDenial::NotAllowed),
                Owner => Ok(()),
                Member if matches!(act, View | AnswerOwnershipOffer) => Ok(()),
                Admin if act == View => Ok(()),
                _ => Err(TeamDenial::NotAllowed),
            }
        };
        for rel in [Owner, Member, Outsider, Admin] {
            for act in ALL_ACTIONS {
                assert_eq!(authorize(rel, act), expected(rel, act), "{rel:?} {act:?}");
            }
        }
    }

    // covers: TEAM-4
    #[test]
    fn members_cannot_change_the_team_and_outsiders_do_not_see_it() {
        for act in [AddMember, RemoveMember, Delete, OfferOwnership, WithdrawOwnershipOffer] {
            assert_eq!(authorize(Member, act), Err(TeamDenial::NotAllowed));
        }
        assert_eq!(authorize(Outsider, View), Err(TeamDenial::Hidden));
        assert_eq!(authorize(Owner, AddMember), Ok(()));
    }
}
