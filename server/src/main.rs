//! `server [serve|migrate|create-admin|seed-demo|seed-bench|bench-move|import-register|backup|restore]`.
use clap::{Parser, Subcommand};
use server::{accounts, config::Config, connect, demo, migrate, spawn_housekeeping, web};
use std::io::{BufRead, IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

/// Under load glibc's allocator took a fifth of the CPU of a page render
/// (malloc, free and their consolidation, measured with perf; issue 13);
/// mimalloc's per-thread heaps do not contend.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(name = "server", about = "Installatörswebben")]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the app (default). Migrates first.
    Serve,
    /// Apply database migrations and exit.
    Migrate,
    /// Create an administrator. The password comes from ADMIN_PASSWORD or is asked for.
    CreateAdmin {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
    },
    /// Load the demo data set (registers, demo installers, a demo admin).
    SeedDemo,
    /// Fill an empty database with a benchmark data set (issue 13; not for production).
    SeedBench {
        #[arg(long, default_value_t = 2_000)]
        installers: u32,
        #[arg(long, default_value_t = 200)]
        teams: u32,
        #[arg(long, default_value_t = 50_000)]
        cases: u32,
        /// Cases of the one installer whose `Mina ärenden` is measured.
        #[arg(long, default_value_t = 2_000)]
        heavy_cases: u32,
        /// Cases in progress of the installer whose book is moved.
        #[arg(long, default_value_t = 10_000)]
        book_cases: u32,
        /// Where the benchmark installers' login is written.
        #[arg(long, default_value = "data/bench-login.txt")]
        login_file: String,
    },
    /// ADM-8: load a register from a file (UTF-8, `;`-separated, a header line
    /// naming the fields is skipped) and report the rows it cannot take.
    /// Registers: folkbokforing (personnummer;namn), foretag
    /// (organisationsnummer;namn;gatuadress;postnummer;ort), behorigheter
    /// (behörighetsnummer;innehavare;omfattning), energikonto (e-postadress).
    ImportRegister {
        #[arg(long)]
        register: String,
        #[arg(long)]
        file: String,
        /// Check every row and report, changing nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Back up a single-machine installation while it runs: the SQLite
    /// database and the attachment files, into a new folder. PostgreSQL:
    /// use pg_dump (docs/deploy.md).
    Backup {
        #[arg(long)]
        to: String,
    },
    /// Put a backup made by `backup` back (stop the portal first): the
    /// database file (the current one is kept beside it) and the attachments.
    Restore {
        #[arg(long)]
        from: String,
    },
    /// Time `Admin Flytta ärenden` of COUNT cases on a seed-bench database, RUNS times.
    BenchMove {
        #[arg(long, default_value_t = 1_000)]
        count: usize,
        #[arg(long, default_value_t = 5)]
        runs: usize,
    },
}

#[tokio::main]
async fn main() -> ExitCode {
    let config = match Config::from_env() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("Felaktig konfiguration: {e}");
            return ExitCode::FAILURE;
        }
    };
    // LOG_FORMAT=json: one JSON object per line, for a log collector.
    let logs = tracing_subscriber::fmt().with_env_filter(tracing_subscriber::EnvFilter::new(&config.log_filter));
    if std::env::var("LOG_FORMAT").is_ok_and(|f| f.eq_ignore_ascii_case("json")) {
        logs.json().init();
    } else {
        logs.init();
    }
    let cli = Cli::parse();
    match run(cli.command.unwrap_or(Command::Serve), config).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("Fel: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn run(command: Command, config: Config) -> Result<(), Box<dyn std::error::Error>> {
    // A restore replaces the database file: before anything opens it.
    if let Command::Restore { from } = &command {
        let file = server::backup::sqlite_file(&config.database_url)
            .ok_or("återställning gäller SQLite; PostgreSQL återställs med pg_restore (docs/deploy.md)")?;
        let attachments = config.attachments_store.is_none().then(|| Path::new(&config.attachments_dir));
        server::backup::restore(Path::new(from), &file, attachments)?;
        println!("Säkerhetskopian i {from} är återställd till {}. Starta portalen.", file.display());
        return Ok(());
    }
    let db = connect(&config.database_url).await?;
    migrate(&db).await?;
    match command {
        Command::Migrate => {
            println!("Databasen är uppdaterad ({}).", config.redacted_database_url());
        }
        Command::CreateAdmin { email, name } => {
            let password = match std::env::var("ADMIN_PASSWORD") {
                Ok(p) => p,
                Err(_) => ask_password()?,
            };
            let admin = accounts::create_admin(&db, &email, &name, &password).await?;
            println!("Administratören {} ({}) är skapad.", admin.name, admin.email);
        }
        Command::SeedDemo => {
            let logins = demo::seed_demo(&db, Path::new(&config.demo_logins_file)).await?;
            server::demo_activity::seed_activity(&app_state(&config, db)?).await?;
            print_logins(&config, &logins);
        }
        Command::SeedBench { installers, teams, cases, heavy_cases, book_cases, login_file } => {
            let size = server::bench_data::BenchSize { installers, teams, cases, heavy_cases, book_cases };
            let made = server::bench_data::seed_bench(&db, size).await?;
            if let Some(dir) = Path::new(&login_file).parent() {
                std::fs::create_dir_all(dir)?;
            }
            std::fs::write(&login_file, format!("{} {}\n", made.heavy_email, made.password))?;
            println!(
                "{installers} installatörer, {teams} team och {cases} ärenden på {:.1} s. Inloggning (alla bench-installatörer har samma lösenord) i {login_file}.",
                made.seconds
            );
        }
        Command::ImportRegister { register, file, dry_run } => {
            let kind = app::domain::RegisterKind::from_code(&register).ok_or_else(|| {
                let known: Vec<&str> = app::domain::RegisterKind::ALL.iter().map(|k| k.code()).collect();
                format!("okänt register {register:?}; välj {}", known.join(", "))
            })?;
            let text = std::fs::read_to_string(&file).map_err(|e| format!("{file}: {e}"))?;
            let report = server::register_import::import(&db, kind, &text, dry_run).await?;
            print!("{}{report}", if dry_run { "Provkörning, inget ändrades: " } else { "" });
        }
        Command::Backup { to } => {
            if config.attachments_store.is_some() {
                println!("Bilagorna ligger i S3 och kopieras inte; använd versionshantering i hinken (docs/deploy.md).");
            }
            let attachments = config.attachments_store.is_none().then(|| Path::new(&config.attachments_dir));
            print!("{}", server::backup::backup(&db, attachments, Path::new(&to)).await?);
        }
        Command::Restore { .. } => unreachable!("handled before the database is opened"),
        Command::BenchMove { count, runs } => {
            let seconds = server::bench_data::time_admin_moves(&db, count, runs).await?;
            let mut sorted = seconds.clone();
            sorted.sort_by(f64::total_cmp);
            let list: Vec<String> = seconds.iter().map(|s| format!("{:.3}", s)).collect();
            println!("admin move of {count} cases: median {:.3} s ({})", sorted[sorted.len() / 2], list.join(", "));
        }
        Command::Serve => {
            tracing::info!(%config, "starting");
            let logins = if config.demo_data {
                Some(demo::seed_demo(&db, Path::new(&config.demo_logins_file)).await?)
            } else {
                None
            };
            spawn_housekeeping(db.clone());
            let smtp = match &config.smtp_url {
                Some(url) => Some(std::sync::Arc::new(server::mailer::Smtp::from_url(url, &config.mail_from)?)),
                None => None,
            };
            let mut state = app_state(&config, db.clone())?;
            if config.demo_data && server::demo_activity::seed_activity(&state).await? {
                println!("Demodata: team, ärenden i alla lägen, handläggarköer och en supportfråga är skapade.");
            }
            state.settings.trusted_proxies = config.trusted_proxies.clone();
            state.settings.metrics_token_digest = config.metrics_token.as_deref().map(server::metrics::token_digest);
            state.settings.secrets_key = match &config.secrets_key {
                Some(key) => Some(key.clone()),
                None if config.demo_data => Some(demo_secrets_key(&config)?),
                None => {
                    tracing::warn!("SECRETS_KEY is not set: admins cannot enrol a second factor until it is");
                    None
                }
            };
            server::precompress::prepare(
                &state.leptos_options.site_root,
                &state.leptos_options.site_pkg_dir,
                &state.leptos_options.output_name,
                state.shutdown.clone(),
            );
            let shutdown = state.shutdown.clone();
            let mail_worker = smtp.map(|smtp| server::mailer::spawn_worker(db.clone(), smtp, shutdown.clone()));
            let listener = tokio::net::TcpListener::bind(config.site_addr).await?;
            let metrics_listener = match config.metrics_addr {
                Some(addr) => Some(tokio::net::TcpListener::bind(addr).await?),
                None => None,
            };
            println!("\nInstallatörswebben körs på http://{}", config.site_addr);
            if let Some(logins) = logins {
                print_logins(&config, &logins);
            }
            tokio::spawn({
                let shutdown = shutdown.clone();
                async move {
                    shutdown_signal().await;
                    tracing::info!("asked to stop: no new connections; finishing the requests in flight");
                    shutdown.cancel();
                }
            });
            if let Some(metrics_listener) = metrics_listener {
                let router = server::metrics::private_router(state.clone());
                tokio::spawn(axum::serve(metrics_listener, router).with_graceful_shutdown(shutdown.clone().cancelled_owned()).into_future());
            }
            let serving = axum::serve(
                web::listener(listener),
                web::router(state).into_make_service_with_connect_info::<std::net::SocketAddr>(),
            )
            .with_graceful_shutdown(shutdown.clone().cancelled_owned());
            // A request still running long after the stop began is given up:
            // its transaction is rolled back, so nothing is half done.
            let give_up = async {
                shutdown.cancelled().await;
                tokio::time::sleep(SHUTDOWN_GRACE).await;
            };
            tokio::select! {
                served = serving => served?,
                _ = give_up => tracing::warn!("requests still running {} s after the stop began; stopping anyway", SHUTDOWN_GRACE.as_secs()),
            }
            if let Some(worker) = mail_worker
                && tokio::time::timeout(SHUTDOWN_GRACE, worker).await.is_err()
            {
                tracing::warn!("the outbox worker did not finish its message in time");
            }
            tracing::info!("stopped");
        }
    }
    Ok(())
}

/// The application's state as the configuration describes it: the
/// attachment store and the operator's values.
fn app_state(config: &Config, db: sea_orm::DatabaseConnection) -> Result<app::server::AppState, Box<dyn std::error::Error>> {
    let mut state = web::app_state(
        web::leptos_options(config.site_addr),
        db,
        config.secure_cookies,
        web::system_clock(),
        web::attachment_store(config.attachments_store.as_deref(), Path::new(&config.attachments_dir))?,
    );
    if let Some(file) = &config.operator_config {
        let text = std::fs::read_to_string(file).map_err(|e| format!("OPERATOR_CONFIG {file}: {e}"))?;
        state.operator = serde_json::from_str(&text).map_err(|e| format!("OPERATOR_CONFIG {file}: {e}"))?;
    }
    Ok(state)
}

fn print_logins(config: &Config, logins: &[demo::DemoLogin]) {
    println!("\nDemoinloggningar (skapade på den här datorn, sparade i {}):", config.demo_logins_file);
    for l in logins {
        println!("  {:<16} {:<40} {}", l.role, l.email, l.password);
    }
    println!();
}

/// Reads the password from the terminal without echo, twice.
fn ask_password() -> Result<String, Box<dyn std::error::Error>> {
    if !std::io::stdin().is_terminal() {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line)?;
        return Ok(line.trim_end_matches(['\r', '\n']).to_string());
    }
    let first = rpassword::prompt_password("Lösenord för administratören: ")?;
    let second = rpassword::prompt_password("Upprepa lösenordet: ")?;
    std::io::stdout().flush()?;
    if first != second {
        return Err("Lösenorden är inte likadana.".into());
    }
    Ok(first)
}

/// How long a stop waits for requests in flight and the message being sent.
const SHUTDOWN_GRACE: std::time::Duration = std::time::Duration::from_secs(30);

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = terminate => {} }
}

/// Demo mode's key for secrets at rest: made on this machine at first start
/// and kept beside the demo logins (never in the repository).
fn demo_secrets_key(config: &Config) -> Result<app::server::sealing::SecretsKey, Box<dyn std::error::Error>> {
    let file = Path::new(&config.demo_logins_file).with_file_name("secrets.key");
    if !file.exists() {
        if let Some(dir) = file.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(&file, app::server::sealing::SecretsKey::generate())?;
    }
    let text = std::fs::read_to_string(&file)?;
    Ok(app::server::sealing::SecretsKey::parse(&text).map_err(|e| format!("{}: {e}", file.display()))?)
}
