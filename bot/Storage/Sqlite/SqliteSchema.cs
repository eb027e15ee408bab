namespace ChatOpsReply.Storage.Sqlite;

/// <summary>
/// The schema as an ordered list of migrations. <c>PRAGMA user_version</c> records how many
/// have run; a new release appends a migration and never edits an old one.
/// </summary>
internal static class SqliteSchema
{
    public static readonly IReadOnlyList<string> Migrations =
    [
        """
        CREATE TABLE posts (
            id TEXT PRIMARY KEY,
            source TEXT NOT NULL,
            external_id TEXT NOT NULL,
            thread_id TEXT,
            queue TEXT NOT NULL,
            state TEXT NOT NULL,
            owner TEXT,
            version INTEGER NOT NULL,
            received_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            body TEXT NOT NULL
        );
        CREATE INDEX posts_thread ON posts (source, thread_id, received_at);
        CREATE INDEX posts_queue_state ON posts (queue, state, received_at);
        CREATE INDEX posts_owner ON posts (owner, received_at);
        CREATE INDEX posts_received ON posts (received_at);

        CREATE TABLE ingested (
            source TEXT NOT NULL,
            external_id TEXT NOT NULL,
            post_id TEXT NOT NULL,
            at INTEGER NOT NULL,
            PRIMARY KEY (source, external_id)
        ) WITHOUT ROWID;

        CREATE TABLE audit (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            post_id TEXT NOT NULL,
            at INTEGER NOT NULL,
            body TEXT NOT NULL
        );
        CREATE INDEX audit_post ON audit (post_id, seq);
        CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
        CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;

        CREATE TABLE outbox (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            post_id TEXT NOT NULL,
            target TEXT NOT NULL,
            kind TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            due_at INTEGER NOT NULL,
            lease_until INTEGER,
            attempts INTEGER NOT NULL DEFAULT 0,
            failed INTEGER NOT NULL DEFAULT 0,
            last_error TEXT,
            body TEXT NOT NULL
        );
        CREATE INDEX outbox_due ON outbox (failed, due_at);
        CREATE INDEX outbox_order ON outbox (post_id, target, seq);

        CREATE TABLE sla_timers (
            post_id TEXT PRIMARY KEY,
            due_at INTEGER NOT NULL,
            lease_until INTEGER
        ) WITHOUT ROWID;
        CREATE INDEX sla_timers_due ON sla_timers (due_at);

        CREATE TABLE command_keys (
            key TEXT PRIMARY KEY,
            post_id TEXT NOT NULL,
            at INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX command_keys_at ON command_keys (at);

        CREATE TABLE sent_replies (
            post_id TEXT NOT NULL,
            number INTEGER NOT NULL,
            source TEXT NOT NULL,
            handle TEXT NOT NULL,
            sent_by TEXT NOT NULL,
            sent_at INTEGER NOT NULL,
            text TEXT NOT NULL,
            delivered_at INTEGER,
            external_id TEXT,
            PRIMARY KEY (post_id, number)
        ) WITHOUT ROWID;
        CREATE INDEX sent_replies_customer ON sent_replies (source, handle, sent_at);

        CREATE TABLE consent (
            source TEXT NOT NULL,
            handle TEXT NOT NULL,
            opted_in INTEGER NOT NULL,
            at INTEGER NOT NULL,
            evidence TEXT NOT NULL,
            PRIMARY KEY (source, handle)
        ) WITHOUT ROWID;

        CREATE TABLE card_refs (
            post_id TEXT NOT NULL,
            key TEXT NOT NULL,
            reference TEXT NOT NULL,
            PRIMARY KEY (post_id, key)
        ) WITHOUT ROWID;
        """,
        """
        CREATE TABLE idempotency_keys (
            key TEXT PRIMARY KEY,
            expires_at INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX idempotency_keys_expiry ON idempotency_keys (expires_at);
        """,
        """
        CREATE TABLE teams_channels (
            channel_id TEXT PRIMARY KEY,
            channel_name TEXT NOT NULL,
            team_id TEXT NOT NULL,
            team_name TEXT NOT NULL,
            service_url TEXT NOT NULL,
            tenant_id TEXT,
            recorded_at INTEGER NOT NULL
        ) WITHOUT ROWID;

        CREATE TABLE teams_users (
            aad_object_id TEXT PRIMARY KEY,
            teams_user_id TEXT NOT NULL,
            recorded_at INTEGER NOT NULL
        ) WITHOUT ROWID;
        """,
        """
        CREATE TABLE answer_stamp (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            value INTEGER NOT NULL
        );
        INSERT INTO answer_stamp (id, value) VALUES (1, 0);

        CREATE TABLE answers (
            id TEXT PRIMARY KEY,
            version INTEGER NOT NULL,
            stamp INTEGER NOT NULL,
            body TEXT NOT NULL
        );
        CREATE INDEX answers_stamp ON answers (stamp);

        CREATE TABLE answer_versions (
            answer_id TEXT NOT NULL,
            version INTEGER NOT NULL,
            body TEXT NOT NULL,
            PRIMARY KEY (answer_id, version)
        );
        CREATE TRIGGER answer_versions_no_update BEFORE UPDATE ON answer_versions BEGIN SELECT RAISE(ABORT, 'answer history is append-only'); END;
        CREATE TRIGGER answer_versions_no_delete BEFORE DELETE ON answer_versions BEGIN SELECT RAISE(ABORT, 'answer history is append-only'); END;

        CREATE TABLE answer_uses (
            post_id TEXT NOT NULL,
            reply_number INTEGER NOT NULL,
            answer_id TEXT NOT NULL,
            version INTEGER NOT NULL,
            at INTEGER NOT NULL,
            PRIMARY KEY (post_id, reply_number)
        ) WITHOUT ROWID;
        CREATE INDEX answer_uses_answer ON answer_uses (answer_id, at);
        """,
        """
        CREATE TABLE mailbox_bookmarks (
            mailbox TEXT PRIMARY KEY,
            uid_validity INTEGER NOT NULL,
            last_uid INTEGER NOT NULL
        ) WITHOUT ROWID;
        """,
        """
        ALTER TABLE posts ADD COLUMN handle TEXT;
        ALTER TABLE posts ADD COLUMN sensitive INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE posts ADD COLUMN breaches INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE posts ADD COLUMN due_at INTEGER;
        UPDATE posts SET
            handle = lower(trim(json_extract(body, '$.Author.Handle'))),
            sensitive = json_extract(body, '$.Sensitivity') IS NOT NULL,
            breaches = coalesce(json_extract(body, '$.SlaBreaches'), 0),
            due_at = (SELECT due_at FROM sla_timers WHERE sla_timers.post_id = posts.id);
        CREATE INDEX posts_customer ON posts (source, handle, received_at);
        CREATE INDEX posts_due ON posts (due_at);
        CREATE INDEX posts_updated ON posts (updated_at);

        CREATE TABLE post_words (
            field INTEGER NOT NULL,
            word TEXT NOT NULL,
            post_id TEXT NOT NULL,
            PRIMARY KEY (field, word, post_id)
        ) WITHOUT ROWID;

        CREATE TABLE working_drafts (
            post_id TEXT NOT NULL,
            person_id TEXT NOT NULL,
            text TEXT NOT NULL,
            answer_id TEXT,
            answer_version INTEGER,
            saved_at INTEGER NOT NULL,
            PRIMARY KEY (post_id, person_id)
        ) WITHOUT ROWID;
        """,
        """
        CREATE INDEX card_refs_reference ON card_refs (key, reference);

        CREATE TABLE teams_personal_chats (
            aad_object_id TEXT PRIMARY KEY,
            conversation_id TEXT NOT NULL,
            service_url TEXT NOT NULL,
            recorded_at INTEGER NOT NULL
        ) WITHOUT ROWID;
        """,
        // The audit chain (Posts/AuditChain.cs). The trail stays append-only except for an erasure,
        // which replaces an event's text once, keeping its hash, link and chain.
        """
        ALTER TABLE audit ADD COLUMN hash TEXT;
        ALTER TABLE audit ADD COLUMN link TEXT;
        ALTER TABLE audit ADD COLUMN chain TEXT;
        ALTER TABLE audit ADD COLUMN erased_at INTEGER;
        DROP TRIGGER audit_no_update;
        CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
        WHEN NOT (OLD.erased_at IS NULL AND NEW.erased_at IS NOT NULL AND NEW.seq = OLD.seq AND NEW.post_id = OLD.post_id AND NEW.at = OLD.at
            AND NEW.hash IS OLD.hash AND NEW.link IS OLD.link AND NEW.chain IS OLD.chain)
        BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only: only an erasure may replace an event''s text, once'); END;
        """,
        // Lists by state across queues (the console's active posts, the replies waiting for approval) read
        // only their state's rows instead of walking every post by arrival.
        """
        CREATE INDEX posts_state ON posts (state, received_at);
        """,
        // The digests of a burst (Delivery/IDigestStore.cs): message 0 is a line still waiting.
        """
        CREATE TABLE digest_lines (
            seq INTEGER PRIMARY KEY,
            scope TEXT NOT NULL,
            post_id TEXT NOT NULL,
            message INTEGER NOT NULL DEFAULT 0,
            added_at INTEGER NOT NULL,
            UNIQUE (scope, post_id)
        );
        CREATE INDEX digest_lines_message ON digest_lines (scope, message, seq);
        CREATE INDEX digest_lines_added ON digest_lines (scope, added_at);
        CREATE INDEX digest_lines_waiting ON digest_lines (scope) WHERE message = 0;

        CREATE TABLE digest_messages (
            scope TEXT NOT NULL,
            number INTEGER NOT NULL,
            lines INTEGER NOT NULL,
            changes INTEGER NOT NULL,
            drawn INTEGER NOT NULL,
            drawn_at INTEGER,
            PRIMARY KEY (scope, number)
        ) WITHOUT ROWID;

        CREATE TABLE digest_leases (
            scope TEXT PRIMARY KEY,
            holder TEXT NOT NULL,
            until INTEGER NOT NULL
        ) WITHOUT ROWID;
        """,
        // Spike detection (Crises/): arrivals a minute (kept for two windows) and an hour (kept for the baseline's weeks), per queue and term.
        """
        CREATE TABLE spike_minutes (
            queue TEXT NOT NULL,
            term TEXT NOT NULL,
            minute INTEGER NOT NULL,
            count INTEGER NOT NULL,
            PRIMARY KEY (queue, term, minute)
        ) WITHOUT ROWID;

        CREATE TABLE spike_hours (
            queue TEXT NOT NULL,
            term TEXT NOT NULL,
            hour INTEGER NOT NULL,
            count INTEGER NOT NULL,
            PRIMARY KEY (queue, term, hour)
        ) WITHOUT ROWID;

        CREATE TABLE spike_recent (
            queue TEXT NOT NULL,
            term TEXT NOT NULL,
            at INTEGER NOT NULL,
            post_id TEXT NOT NULL,
            PRIMARY KEY (queue, term, at, post_id)
        ) WITHOUT ROWID;

        CREATE TABLE spikes (
            id TEXT PRIMARY KEY,
            queue TEXT NOT NULL,
            covers_until INTEGER NOT NULL,
            body TEXT NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX spikes_live ON spikes (queue, covers_until);
        """,
        // Declared crises (Crises/): the record as JSON, with what the declared list and a spike's alert look it up by.
        """
        CREATE TABLE crises (
            id TEXT PRIMARY KEY,
            queue TEXT NOT NULL,
            status TEXT NOT NULL,
            spike_id TEXT,
            declared_at INTEGER NOT NULL,
            body TEXT NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX crises_status ON crises (status, declared_at);
        CREATE INDEX crises_spike ON crises (spike_id, declared_at);
        """,
        // What became of a crisis's holding statement on each of its posts (Crises/): the first word on a post stays.
        """
        CREATE TABLE crisis_holding (
            crisis_id TEXT NOT NULL,
            post_id TEXT NOT NULL,
            body TEXT NOT NULL,
            PRIMARY KEY (crisis_id, post_id)
        ) WITHOUT ROWID;
        """,
    ];
}
