//! The demo's working life (issue 14): companies with teams and members, an
//! ownership offer waiting for an answer, cases of every type group in every
//! state with attachments, timelines and handlers' messages, work in both
//! handler queues, an open support request and the audit entries all of
//! this leaves. Everything is done through the application's own services,
//! as the people would have done it, on a clock set back to when they did
//! it, so the data follow every rule and its dates make sense relative to
//! the day the demo is started.
use crate::accounts::AccountError;
use crate::demo::{DEMO_CONNECTION_HANDLER, DEMO_FACILITY_HANDLER};
use app::domain::case::{AttachmentKind, CompletionInput, FieldValues};
use app::domain::support::SupportKind;
use app::domain::Gsrn;
use app::server::auth::Caller;
use app::server::cases::{self, AttachmentPurpose};
use app::server::entities::{team, user};
use app::server::state::AppState;
use app::server::Clock;
use app::server::storage::ReceivedFile;
use app::server::teams::{self, NewTeam};
use chrono::{DateTime, Duration, Utc};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use std::sync::{Arc, Mutex};

/// The demo's installers with a working life (`demo/registers.json`).
pub const MARIA: &str = "maria.svensson@solkraft.example";
pub const JOHAN: &str = "johan.lund@solkraft.example";
pub const LISA: &str = "lisa.ek@solkraft.example";
pub const OLOF: &str = "olof.bergstrom@byggstromel.example";

const SOLKRAFT: &str = "559012-3450";
const BYGGSTROM: &str = "556345-6721";

/// A clock the seeding moves: each step happens "then".
struct DemoClock(Mutex<DateTime<Utc>>);

impl Clock for DemoClock {
    fn now(&self) -> DateTime<Utc> {
        *self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

struct Demo {
    state: AppState,
    clock: Arc<DemoClock>,
    today: DateTime<Utc>,
    scratch: std::path::PathBuf,
    facility: u64,
}

fn failed(what: &str, e: impl std::fmt::Display) -> AccountError {
    AccountError::Invalid(format!("demo data: {what}: {e}"))
}

impl Demo {
    /// Sets the clock to `days` days and `hours` hours before the start.
    fn at(&self, days: i64, hours: i64) {
        let then = self.today - Duration::days(days) - Duration::hours(hours);
        *self.clock.0.lock().unwrap_or_else(|e| e.into_inner()) = then;
    }

    fn date_in(&self, days: i64) -> String {
        (self.clock.now() + Duration::days(days)).format("%Y-%m-%d").to_string()
    }

    async fn caller(&self, email: &str) -> Result<Caller, AccountError> {
        let found = user::Entity::find().filter(user::Column::Email.eq(email)).one(&self.state.db).await?;
        Ok(Caller::as_self(found.ok_or_else(|| failed("account", email))?))
    }

    /// A new facility ID, one per case, so no two fuse changes meet (CASE-2).
    fn next_facility(&mut self) -> String {
        self.facility += 1;
        Gsrn::swedish(4_200_000 + self.facility).as_str().to_string()
    }

    fn common(&self, customer: &str, customer_id: &str, street: &str, postal_code: &str, city: &str) -> FieldValues {
        let mut v = FieldValues::new();
        for (k, value) in [
            ("customer_name", customer),
            ("customer_id", customer_id),
            ("customer_phone", "070-123 45 67"),
            ("facility_street", street),
            ("facility_postal_code", postal_code),
            ("facility_city", city),
            ("property_designation", ""),
        ] {
            v.insert(k.into(), value.into());
        }
        v.insert("desired_date".into(), self.date_in(21));
        v
    }

    async fn team(&self, owner: &Caller, name: &str, orgnr: &str, email: &str) -> Result<team::Model, AccountError> {
        let input = NewTeam {
            organisationsnummer: orgnr.into(),
            name: name.into(),
            contact_name: owner.user.name.clone(),
            contact_email: email.into(),
            contact_phone: "031-123 45 00".into(),
        };
        teams::create_team(&self.state, owner, input).await.map_err(|e| failed(name, e))
    }

    /// A draft with these values; what is still missing is fine for a draft.
    async fn draft(&self, who: &Caller, case_type: &str, team: i32, values: FieldValues) -> Result<i32, AccountError> {
        let created = cases::create_draft(&self.state, who, case_type, team).await.map_err(|e| failed(case_type, e))?;
        cases::save_draft(&self.state, who, created.id, values).await.map_err(|e| failed(case_type, e))?;
        Ok(created.id)
    }

    async fn attach(&self, who: &Caller, case_id: i32, kind: AttachmentKind, file_name: &str) -> Result<(), AccountError> {
        let scratch = self.scratch.join(format!("{case_id}-{}", kind.code()));
        let pdf = format!("%PDF-1.4\n% {file_name}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
        std::fs::write(&scratch, &pdf).map_err(|e| failed("attachment", e))?;
        let file = ReceivedFile { scratch, file_name: file_name.into(), content_type: "application/pdf", size: pdf.len() as u64 };
        cases::attach(&self.state, who, case_id, AttachmentPurpose::CaseDocument, kind, &file).await.map_err(|e| failed(file_name, e))?;
        Ok(())
    }

    async fn submit(&self, who: &Caller, case_id: i32) -> Result<(), AccountError> {
        cases::submit(&self.state, who, case_id).await.map_err(|e| failed("submit", e))?;
        Ok(())
    }

    async fn complete(&self, who: &Caller, case_id: i32, meter: bool, message: &str) -> Result<(), AccountError> {
        let input = CompletionInput {
            work_date: self.date_in(-1),
            meter_number: if meter { "AM-204518".into() } else { String::new() },
            meter_reading: if meter { "48213".into() } else { String::new() },
            inspected: true,
            message: message.into(),
        };
        cases::report_completion(&self.state, who, case_id, &input).await.map_err(|e| failed("completion", e))?;
        Ok(())
    }
}

fn with(mut values: FieldValues, pairs: &[(&str, &str)]) -> FieldValues {
    for (k, v) in pairs {
        values.insert((*k).into(), (*v).into());
    }
    values
}

/// Fills the portal with the demo's working life, once: only while no team
/// exists yet. Returns whether it did.
pub async fn seed_activity(state: &AppState) -> Result<bool, AccountError> {
    if team::Entity::find().count(&state.db).await? > 0 {
        return Ok(false);
    }
    let today = Utc::now();
    let clock = Arc::new(DemoClock(Mutex::new(today)));
    let mut demo_state = state.clone();
    demo_state.clock = clock.clone();
    let scratch = std::env::temp_dir().join(format!("installatorswebben-demo-{}", std::process::id()));
    std::fs::create_dir_all(&scratch).map_err(|e| failed("scratch", e))?;
    let mut d = Demo { state: demo_state, clock, today, scratch: scratch.clone(), facility: 0 };
    let outcome = working_life(&mut d).await;
    let _ = std::fs::remove_dir_all(&scratch);
    outcome.map(|()| true)
}

async fn working_life(d: &mut Demo) -> Result<(), AccountError> {
    let maria = d.caller(MARIA).await?;
    let johan = d.caller(JOHAN).await?;
    let lisa = d.caller(LISA).await?;
    let olof = d.caller(OLOF).await?;
    let facility_handler = d.caller(DEMO_FACILITY_HANDLER).await?;
    let connection_handler = d.caller(DEMO_CONNECTION_HANDLER).await?;

    // More than two years ago: Maria's company starts on the portal.
    d.at(820, 0);
    let vast = d.team(&maria, "Solkraft Väst", SOLKRAFT, "vast@solkraft.example").await?;
    teams::add_member(&d.state, &maria, vast.id, JOHAN).await.map_err(|e| failed("member", e))?;
    teams::add_member(&d.state, &maria, vast.id, LISA).await.map_err(|e| failed("member", e))?;
    let customer = d.common("Bengt Olsson", "19520314-2384", "Kvarnvägen 8", "433 30", "Partille");
    let gsrn = d.next_facility();
    let old = d.draft(&maria, "byte_av_sakring", vast.id, with(customer, &[
        ("facility_id", &gsrn), ("current_main_fuse", "16"), ("new_main_fuse", "20"), ("phases", "3"), ("reason", "Ny bergvärmepump."),
    ])).await?;
    // Never reported done: more than two years on, the portal keeps it read-only (CASE-7).
    d.submit(&maria, old).await?;

    // A quarter ago: a temporary break, done and archived.
    d.at(95, 0);
    let customer = d.common("Brf Solgläntan", "769612-3459", "Solgläntan 2", "417 05", "Göteborg");
    let gsrn = d.next_facility();
    let start = format!("{}T08:00", d.date_in(14));
    let end = format!("{}T09:30", d.date_in(14));
    let brytning = d.draft(&maria, "tillfallig_brytning", vast.id, with(customer, &[
        ("facility_id", &gsrn), ("break_start", &start), ("break_end", &end), ("reason", "Byte av huvudcentral i trapphus B."),
        ("onsite_contact", "070-765 43 21"),
    ])).await?;
    d.submit(&maria, brytning).await?;
    d.at(80, 0);
    d.complete(&maria, brytning, true, "Brytningen tog en timme.").await?;
    d.at(78, 0);
    cases::archive(&d.state, &facility_handler, brytning).await.map_err(|e| failed("archive", e))?;

    // Last month: a second team in the company; Johan works in both.
    d.at(45, 0);
    let ost = d.team(&maria, "Solkraft Öst", SOLKRAFT, "ost@solkraft.example").await?;
    teams::add_member(&d.state, &maria, ost.id, JOHAN).await.map_err(|e| failed("member", e))?;

    // 1-fas → 3-fas: submitted, done, reported — waiting to be archived.
    d.at(40, 0);
    let customer = d.common("Karin Persson", "19680925-3344", "Björkvägen 14", "443 31", "Lerum");
    let gsrn = d.next_facility();
    let trefas = d.draft(&johan, "enfas_till_trefas", ost.id, with(customer, &[
        ("facility_id", &gsrn), ("phases_before", "1"), ("phases_after", "3"), ("main_fuse", "20"),
    ])).await?;
    d.submit(&johan, trefas).await?;
    d.at(2, 3);
    d.complete(&johan, trefas, true, "Mätaren omkopplad till 3-fas.").await?;

    // Solar on an existing house: the handler asks for more.
    d.at(12, 0);
    let customer = d.common("Anders Nyberg", "19750411-2231", "Ekbacken 3", "436 39", "Askim");
    let gsrn = d.next_facility();
    let sol = d.draft(&maria, "produktion_befintlig", vast.id, with(customer, &[
        ("facility_id", &gsrn), ("current_main_fuse", "25"), ("production_type", "sol"), ("inverter_model", "Huawei SUN2000-10KTL-M1"),
        ("inverter_phases", "3"), ("max_feed_in_kw", "10"), ("installed_power_kw", "11,2"), ("yearly_production_kwh", "10500"), ("units", "1"),
    ])).await?;
    d.attach(&maria, sol, AttachmentKind::Fullmakt, "fullmakt-nyberg.pdf").await?;
    d.attach(&maria, sol, AttachmentKind::AnmalanProduktionsanlaggning, "anmalan-produktion-nyberg.pdf").await?;
    d.attach(&maria, sol, AttachmentKind::Produktblad, "produktblad-sun2000.pdf").await?;
    d.submit(&maria, sol).await?;
    d.at(9, 2);
    cases::request_supplement(&d.state, &facility_handler, sol, "Bifoga enlinjeschema som visar var växelriktaren ansluts.")
        .await
        .map_err(|e| failed("supplement", e))?;

    // A disconnection the customer regretted: cancellation requested.
    d.at(20, 0);
    let customer = d.common("Lars Holm", "19490630-1116", "Gamla vägen 41", "442 98", "Kode");
    let gsrn = d.next_facility();
    // Ordered a month and a half ahead (the operator asks for 30 days).
    let disconnect_on = d.date_in(45);
    let urkoppling = d.draft(&johan, "permanent_urkoppling", vast.id, with(customer, &[
        ("facility_id", &gsrn), ("reason", "Fritidshuset ska rivas."), ("desired_date", &disconnect_on),
    ])).await?;
    d.attach(&johan, urkoppling, AttachmentKind::UndertecknadBlankett, "blankett-urkoppling-holm.pdf").await?;
    d.submit(&johan, urkoppling).await?;
    d.at(1, 4);
    cases::request_cancellation(&d.state, &johan, urkoppling, "Kunden har sålt huset och köparen vill behålla anslutningen.")
        .await
        .map_err(|e| failed("cancellation", e))?;

    // This week: a fuse change in progress and a new connection in draft.
    d.at(3, 0);
    let customer = d.common("Eva Lindgren", "19810217-4425", "Stationsgatan 6", "441 30", "Alingsås");
    let gsrn = d.next_facility();
    let sakring = d.draft(&johan, "byte_av_sakring", ost.id, with(customer, &[
        ("facility_id", &gsrn), ("current_main_fuse", "16"), ("new_main_fuse", "25"), ("phases", "3"), ("reason", "Laddbox för elbil."),
    ])).await?;
    d.submit(&johan, sakring).await?;
    d.at(1, 0);
    let customer = d.common("Nils Ahmadi", "19900805-5510", "Hagtornsvägen 22", "435 43", "Pixbo");
    d.draft(&lisa, "ny_anslutning", vast.id, with(customer, &[("main_fuse", "25"), ("phases", "3"), ("building_type", "Villa")])).await?;

    // Another company: building power and a new connection with the connection unit.
    d.at(30, 0);
    let bygg = d.team(&olof, "Byggström El", BYGGSTROM, "info@byggstromel.example").await?;
    d.at(6, 0);
    let customer = d.common("Mälarbyggen AB", "556677-8899", "Kv. Lärkan 7", "722 15", "Västerås");
    let end_date = d.date_in(200);
    let byggstrom = d.draft(&olof, "byggstrom", bygg.id, with(customer, &[
        ("main_fuse", "35"), ("end_date", &end_date), ("cabinet_position", "Vid infarten, mot Lärkgatan."),
        ("property_designation", "Lärkan 7"),
    ])).await?;
    d.attach(&olof, byggstrom, AttachmentKind::Situationsplan, "situationsplan-larkan.pdf").await?;
    d.submit(&olof, byggstrom).await?;
    d.at(5, 0);
    let customer = d.common("Sofia Wallin", "19860112-6629", "Ängsvägen 5", "725 92", "Västerås");
    let ny = d.draft(&olof, "ny_anslutning", bygg.id, with(customer, &[
        ("main_fuse", "20"), ("phases", "3"), ("building_type", "Villa"), ("metering_points", "1"), ("invoice_reference", "Wallin nybygge"),
    ])).await?;
    d.attach(&olof, ny, AttachmentKind::Situationsplan, "situationsplan-wallin.pdf").await?;
    d.submit(&olof, ny).await?;
    d.at(4, 0);
    cases::request_supplement(&d.state, &connection_handler, ny, "Ange var mätarskåpet placeras på fasaden.")
        .await
        .map_err(|e| failed("supplement", e))?;
    d.at(3, 20);
    cases::answer_supplement(&d.state, &olof, ny, "Mätarskåpet sitter på gaveln mot vägen, se ny situationsplan.")
        .await
        .map_err(|e| failed("answer", e))?;

    // A second connection the customer gave up: cancelled by the unit.
    d.at(25, 0);
    let customer = d.common("Mälarbyggen AB", "556677-8899", "Kv. Lärkan 9", "722 15", "Västerås");
    let given_up = d.draft(&olof, "ny_anslutning", bygg.id, with(customer, &[
        ("main_fuse", "35"), ("phases", "3"), ("building_type", "Förråd"), ("metering_points", "1"),
    ])).await?;
    d.attach(&olof, given_up, AttachmentKind::Situationsplan, "situationsplan-larkan-9.pdf").await?;
    d.submit(&olof, given_up).await?;
    d.at(18, 0);
    cases::request_cancellation(&d.state, &olof, given_up, "Bygglovet drogs tillbaka.").await.map_err(|e| failed("cancellation", e))?;
    d.at(17, 0);
    cases::decide_cancellation(&d.state, &connection_handler, given_up, true, "Makulerat enligt önskemål.")
        .await
        .map_err(|e| failed("cancellation", e))?;

    // Yesterday: Maria offers Solkraft Öst to Johan; he has not answered.
    d.at(1, 2);
    teams::offer_ownership(&d.state, &maria, ost.id, johan.id()).await.map_err(|e| failed("offer", e))?;

    // Today: Lisa asks customer service a question.
    d.at(0, 2);
    let question = [("message".to_string(), "Hur bifogar vi ett enlinjeschema som är större än 10 MB?".to_string())].into_iter().collect();
    app::server::support::file_request(&d.state, "127.0.0.1", Some(&lisa.user), SupportKind::Question, question, None)
        .await
        .map_err(|e| failed("support request", e))?;
    Ok(())
}
