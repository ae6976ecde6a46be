use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "users")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub email: String,
    pub name: String,
    pub personnummer: Option<String>,
    pub authorization_number: Option<String>,
    pub mobile: String,
    pub street_address: Option<String>,
    pub postal_code: Option<String>,
    pub city: Option<String>,
    pub user_type: Option<crate::domain::UserType>,
    pub role: crate::domain::Role,
    pub password_hash: Option<String>,
    pub terms_version: Option<String>,
    pub terms_accepted_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// ADM-6: a base32 TOTP secret in plain text, from before secrets were
    /// sealed; replaced by `totp_secret_sealed` at the next use.
    pub totp_secret: Option<String>,
    /// ADM-6: the TOTP secret sealed with `SECRETS_KEY` (`sealing`).
    pub totp_secret_sealed: Option<String>,
    pub totp_enabled: bool,
    pub totp_last_step: Option<i64>,
    /// ADM-6: wrong second-factor codes since the last right one.
    pub second_factor_failures: i32,
    /// ADM-6: the second step refuses every code until then.
    pub second_factor_locked_until: Option<DateTimeUtc>,
    /// ACC-1: when the account's e-mail address was proven with a link; until
    /// then the account cannot create teams or cases.
    pub email_verified_at: Option<DateTimeUtc>,
    /// ADM-7: an admin deactivated the account; it cannot log in, its cases stay.
    pub deactivated_at: Option<DateTimeUtc>,
    /// ADM-7: what the user directory finds the account by (name and
    /// e-mail, folded by `domain::directory_text`); kept in step by `before_save`.
    pub search_text: String,
    /// UX-2: the language its owner chose (`sv`, `en`); none: the default.
    pub language: Option<String>,
}

#[async_trait::async_trait]
impl ActiveModelBehavior for ActiveModel {
    async fn before_save<C>(mut self, _db: &C, _insert: bool) -> Result<Self, DbErr>
    where
        C: ConnectionTrait,
    {
        use sea_orm::ActiveValue;
        if let (ActiveValue::Set(name) | ActiveValue::Unchanged(name), ActiveValue::Set(email) | ActiveValue::Unchanged(email)) =
            (&self.name, &self.email)
        {
            let text = crate::domain::directory_text(name, email);
            if !matches!(&self.search_text, ActiveValue::Set(t) | ActiveValue::Unchanged(t) if *t == text) {
                self.search_text = ActiveValue::Set(text);
            }
        }
        Ok(self)
    }
}

crate::server::listing::read_by_position!(Model, Column {
    id <- Id,
    email <- Email,
    name <- Name,
    personnummer <- Personnummer,
    authorization_number <- AuthorizationNumber,
    mobile <- Mobile,
    street_address <- StreetAddress,
    postal_code <- PostalCode,
    city <- City,
    user_type <- UserType,
    role <- Role,
    password_hash <- PasswordHash,
    terms_version <- TermsVersion,
    terms_accepted_at <- TermsAcceptedAt,
    created_at <- CreatedAt,
    updated_at <- UpdatedAt,
    totp_secret <- TotpSecret,
    totp_secret_sealed <- TotpSecretSealed,
    totp_enabled <- TotpEnabled,
    totp_last_step <- TotpLastStep,
    second_factor_failures <- SecondFactorFailures,
    second_factor_locked_until <- SecondFactorLockedUntil,
    email_verified_at <- EmailVerifiedAt,
    deactivated_at <- DeactivatedAt,
    search_text <- SearchText,
    language <- Language,
});
