//! `/api/teams/…`: creating teams, members, ownership handover (TEAM-1…TEAM-7).
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A company from the electrical safety register (`Hitta företagsdetaljer`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompanyInfo {
    /// `NNNNNN-NNNN`.
    pub organisationsnummer: String,
    pub name: String,
    pub address: String,
}

/// A team in the left column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamSummary {
    pub id: i32,
    pub name: String,
    pub organisationsnummer: String,
    pub is_owner: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub user_id: i32,
    pub name: String,
    pub email: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingOffer {
    pub offer_id: i32,
    pub to: Person,
}

/// How the asking person stands to the team they look at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum MyRole {
    Owner,
    Member,
    Admin,
}

/// A team's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamView {
    pub id: i32,
    pub name: String,
    pub organisationsnummer: String,
    pub company_name: String,
    pub company_address: String,
    pub contact_name: String,
    pub contact_email: String,
    pub contact_phone: String,
    pub manually_approved: bool,
    pub owner: Person,
    pub members: Vec<Person>,
    pub my_role: MyRole,
    pub pending_offer: Option<PendingOffer>,
}

/// An offer of ownership made to the asking person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfferToMe {
    pub offer_id: i32,
    pub team_id: i32,
    pub team_name: String,
}

#[cfg(feature = "ssr")]
mod convert {
    use super::*;
    use crate::server::entities::user;

    impl From<&user::Model> for Person {
        fn from(u: &user::Model) -> Self {
            Person { user_id: u.id, name: u.name.clone(), email: u.email.clone() }
        }
    }

    pub fn orgnr(stored: &str) -> String {
        crate::domain::Organisationsnummer::parse(stored).map(|o| o.to_string()).unwrap_or_else(|_| stored.to_string())
    }
}

/// TEAM-1 `Hitta företagsdetaljer`. Any logged-in user.
#[server(endpoint = "teams/find-company")]
pub async fn find_company(organisationsnummer: String) -> Result<CompanyInfo, AppError> {
    use crate::server::teams;
    super::serve::with_caller(async |state, _caller| {
        let c = teams::find_company(&state, &organisationsnummer).await?;
        Ok(CompanyInfo {
            organisationsnummer: c.organisationsnummer.to_string(),
            name: c.name,
            address: format!("{}, {} {}", c.street_address, c.postal_code, c.city),
        })
    })
    .await
}

/// TEAM-1 `Skapa nytt team`. Installers; the caller becomes the owner.
#[server(endpoint = "teams/create")]
pub async fn create_team(
    organisationsnummer: String,
    name: String,
    contact_name: String,
    contact_email: String,
    contact_phone: String,
) -> Result<TeamSummary, AppError> {
    use crate::server::teams;
    super::serve::with_caller(async |state, caller| {
        let input = teams::NewTeam { organisationsnummer, name, contact_name, contact_email, contact_phone };
        let t = teams::create_team(&state, &caller, input).await?;
        crate::server::form_reply::on_success_go(&format!("/team/{}", t.id));
        Ok(TeamSummary { id: t.id, name: t.name, organisationsnummer: convert::orgnr(&t.organisationsnummer), is_owner: true })
    })
    .await
}

/// The owner changes the team's name and contact details (not its company).
#[server(endpoint = "teams/update")]
pub async fn update_team(
    team_id: i32,
    #[server(default)] name: String,
    #[server(default)] contact_name: String,
    #[server(default)] contact_email: String,
    #[server(default)] contact_phone: String,
) -> Result<(), AppError> {
    use crate::server::teams;
    super::serve::with_caller(async |state, caller| {
        let input = teams::TeamDetails { name, contact_name, contact_email, contact_phone };
        teams::update_team(&state, &caller, team_id, &input).await?;
        crate::server::form_reply::on_success_go(&format!("/team/{team_id}"));
        Ok(())
    })
    .await
}

/// The caller's teams, owned and member of.
#[server(endpoint = "teams/mine")]
pub async fn my_teams() -> Result<Vec<TeamSummary>, AppError> {
    use crate::server::teams;
    super::serve::with_caller(async |state, caller| {
        Ok(teams::teams_of(&state.db, caller.id())
            .await?
            .into_iter()
            .map(|(t, is_owner)| TeamSummary {
                id: t.id,
                name: t.name,
                organisationsnummer: convert::orgnr(&t.organisationsnummer),
                is_owner,
            })
            .collect())
    })
    .await
}

/// A team's page. Owner and members (and admins); 404 for others.
#[server(endpoint = "teams/get")]
pub async fn get_team(team_id: i32) -> Result<TeamView, AppError> {
    use crate::domain::TeamRelation;
    use crate::server::teams;
    super::serve::with_caller(async |state, caller| {
        let t = teams::team_with_people(&state, &caller, team_id).await?;
        let my_role = match t.relation {
            TeamRelation::Owner => MyRole::Owner,
            TeamRelation::Member => MyRole::Member,
            _ => MyRole::Admin,
        };
        // Only the owner and the receiver learn of a pending offer.
        let pending_offer = t
            .pending_offer
            .filter(|(offer, _)| my_role == MyRole::Owner || offer.to_user_id == caller.id())
            .map(|(offer, to)| PendingOffer { offer_id: offer.id, to: Person::from(&to) });
        Ok(TeamView {
            id: t.team.id,
            name: t.team.name,
            organisationsnummer: convert::orgnr(&t.team.organisationsnummer),
            company_name: t.team.company_name,
            company_address: t.team.company_address,
            contact_name: t.team.contact_name,
            contact_email: t.team.contact_email,
            contact_phone: t.team.contact_phone,
            manually_approved: t.team.manually_approved,
            owner: Person::from(&t.owner),
            members: t.members.iter().map(Person::from).collect(),
            my_role,
            pending_offer,
        })
    })
    .await
}

/// TEAM-3 `Lägg till medlem`. Owner only.
#[server(endpoint = "teams/add-member")]
pub async fn add_member(team_id: i32, email: String) -> Result<Person, AppError> {
    use crate::server::teams;
    super::serve::with_caller(async |state, caller| {
        let added = Person::from(&teams::add_member(&state, &caller, team_id, &email).await?);
        // Without scripts: back to the team page, dialog closed (UX-1).
        crate::server::form_reply::on_success_go(&format!("/team/{team_id}"));
        Ok(added)
    })
    .await
}

/// TEAM-4 `Ta bort från team`. Owner only.
#[server(endpoint = "teams/remove-member")]
pub async fn remove_member(team_id: i32, user_id: i32) -> Result<(), AppError> {
    use crate::server::teams;
    super::serve::with_caller(async |state, caller| {
        teams::remove_member(&state, &caller, team_id, user_id).await?;
        crate::server::form_reply::on_success_go(&format!("/team/{team_id}"));
        Ok(())
    })
    .await
}

/// TEAM-6. Owner only, and only without members.
#[server(endpoint = "teams/delete")]
pub async fn delete_team(team_id: i32) -> Result<(), AppError> {
    use crate::server::teams;
    super::serve::with_caller(async |state, caller| {
        teams::delete_team(&state, &caller, team_id).await?;
        crate::server::form_reply::on_success_go("/");
        Ok(())
    })
    .await
}

/// TEAM-7: offer ownership to a member. Owner only.
#[server(endpoint = "teams/offer-ownership")]
pub async fn offer_ownership(team_id: i32, user_id: i32) -> Result<(), AppError> {
    use crate::server::teams;
    super::serve::with_caller(async |state, caller| {
        teams::offer_ownership(&state, &caller, team_id, user_id).await
    })
    .await
}

/// TEAM-7: withdraw the pending offer. Owner only.
#[server(endpoint = "teams/withdraw-offer")]
pub async fn withdraw_offer(team_id: i32) -> Result<(), AppError> {
    use crate::server::teams;
    super::serve::with_caller(async |state, caller| {
        teams::withdraw_offer(&state, &caller, team_id).await
    })
    .await
}

/// TEAM-7: accept or decline an offer made to the caller.
#[server(endpoint = "teams/answer-offer")]
pub async fn answer_offer(offer_id: i32, accept: bool) -> Result<(), AppError> {
    use crate::server::teams;
    super::serve::with_caller(async |state, caller| {
        teams::answer_offer(&state, &caller, offer_id, accept).await
    })
    .await
}

/// Pending offers of ownership made to the caller.
#[server(endpoint = "teams/offers-to-me")]
pub async fn offers_to_me() -> Result<Vec<OfferToMe>, AppError> {
    use crate::server::teams;
    super::serve::with_caller(async |state, caller| {
        Ok(teams::offers_to(&state.db, caller.id())
            .await?
            .into_iter()
            .map(|(o, t)| OfferToMe { offer_id: o.id, team_id: t.id, team_name: t.name })
            .collect())
    })
    .await
}

/// The left column for the logged-in: their teams and the offers made to
/// them. `None` for the anonymous (no error: every page asks).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SidebarData {
    pub teams: Vec<TeamSummary>,
    pub offers: Vec<OfferToMe>,
    /// CASE-15: the installer's unread case news, counted up to `UNREAD_COUNTED_UP_TO`.
    pub unread_notifications: u64,
}

#[server(endpoint = "teams/sidebar")]
pub async fn sidebar() -> Result<Option<SidebarData>, AppError> {
    use crate::server::{auth, teams};
    super::serve::public(async |state| {
        let Some(caller) = auth::current_caller(&state).await? else { return Ok(None) };
        // Teams are installers' (ADM-2: an admin sees them only while acting for one).
        if caller.user.role != crate::domain::Role::Installer {
            return Ok(None);
        }
        let column = teams::side_column(&state.db, caller.id(), super::notifications::UNREAD_COUNTED_UP_TO).await?;
        Ok(Some(SidebarData {
            teams: column
                .teams
                .into_iter()
                .map(|t| TeamSummary {
                    id: t.id,
                    name: t.name,
                    organisationsnummer: convert::orgnr(&t.organisationsnummer),
                    is_owner: t.is_owner,
                })
                .collect(),
            offers: column.offers.into_iter().map(|o| OfferToMe { offer_id: o.offer_id, team_id: o.team_id, team_name: o.team_name }).collect(),
            unread_notifications: column.unread,
        }))
    })
    .await
}
