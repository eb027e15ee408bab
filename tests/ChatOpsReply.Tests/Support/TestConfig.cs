using System.Text;
using ChatOpsReply.Accountability;
using ChatOpsReply.Guidelines;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace ChatOpsReply.Tests.Support;

/// <summary>
/// The people, queues and rules every test works with, written once as an appsettings file:
/// hosts load it as their configuration, unit tests bind it the same way.
/// </summary>
public static class TestConfig
{
    public const string GenericSecret = "test-webhook-secret";

    /// <summary>What scrapers send for /readyz and /metrics from anywhere but this machine.</summary>
    public const string ScrapeToken = "test-scrape-token-0123456789";

    /// <summary>
    /// Monday 23 November 2026, 09:00 UTC (10:00 in Paris), with ticks below the millisecond
    /// as a real clock has: stores keep times to the millisecond, and the code must cope.
    /// </summary>
    public static readonly DateTimeOffset Start = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero).AddTicks(1234);

    public const string Json = """
    {
      "Sources": { "Generic": { "Secret": "test-webhook-secret" } },
      "Operations": { "ScrapeToken": "test-scrape-token-0123456789" },
      "Console": { "DemoIdentities": true },
      "Delivery": { "RunInBackground": false },
      "Sla": { "RunInBackground": false },
      "Accountability": {
        "People": [
          { "Id": "alice", "Name": "Alice Martin", "Roles": [ "frontline" ], "SlackUserId": "U0ALICE", "TeamsUserId": "00000000-0000-0000-0000-000000000001" },
          { "Id": "bob", "Name": "Bob Okafor", "Roles": [ "frontline" ], "SlackUserId": "U0BOB", "TeamsUserId": "00000000-0000-0000-0000-000000000002" },
          { "Id": "carol", "Name": "Carol Nguyen", "Roles": [ "lead" ], "SlackUserId": "U0CAROL", "TeamsUserId": "00000000-0000-0000-0000-000000000003" },
          { "Id": "dan", "Name": "Dan Weber", "Roles": [ "manager" ], "SlackUserId": "U0DAN", "TeamsUserId": "00000000-0000-0000-0000-000000000004" },
          { "Id": "lena", "Name": "Lena Fischer", "Roles": [ "legal" ], "SlackUserId": "U0LENA", "TeamsUserId": "00000000-0000-0000-0000-000000000005" },
          { "Id": "lou", "Name": "Lou Park", "Roles": [ "frontline", "legal" ], "SlackUserId": "U0LOU", "TeamsUserId": "00000000-0000-0000-0000-000000000006" },
          { "Id": "sam", "Name": "Sam Rivera", "Roles": [ "crisis" ], "SlackUserId": "U0SAM", "TeamsUserId": "00000000-0000-0000-0000-000000000007" },
          { "Id": "ada", "Name": "Ada Admin", "Roles": [ "admin" ], "SlackUserId": "U0ADA", "TeamsUserId": "00000000-0000-0000-0000-000000000008" },
          { "Id": "olga", "Name": "Olga Outsider", "Roles": [], "SlackUserId": "U0OLGA", "TeamsUserId": "00000000-0000-0000-0000-000000000009" }
        ],
        "Queues": [
          {
            "Name": "billing",
            "DisplayName": "Billing",
            "Keywords": [ "refund", "invoice" ],
            "Channels": { "slack": "C0BILLING", "teams": "19:billing@thread.tacv2" },
            "Chain": [
              { "Name": "frontline", "Members": [ "bob" ], "ClaimWithin": "00:15:00", "ReplyWithin": "00:45:00" },
              { "Name": "lead", "Roles": [ "lead" ], "ClaimWithin": "00:10:00", "ReplyWithin": "00:30:00" }
            ]
          },
          {
            "Name": "office",
            "DisplayName": "Office mail",
            "Sources": [ "email" ],
            "BusinessHours": { "TimeZone": "Europe/Paris", "Opens": "09:00", "Closes": "17:00" },
            "Channels": { "slack": "C0OFFICE", "teams": "19:office@thread.tacv2" },
            "Chain": [
              { "Name": "frontline", "Roles": [ "frontline" ], "ClaimWithin": "01:00:00", "ReplyWithin": "02:00:00" },
              { "Name": "lead", "Roles": [ "lead" ], "ClaimWithin": "01:00:00", "ReplyWithin": "02:00:00" },
              { "Name": "manager", "Roles": [ "manager" ], "ClaimWithin": "01:00:00", "ReplyWithin": "02:00:00" }
            ]
          },
          {
            "Name": "support",
            "DisplayName": "Support",
            "Channels": { "slack": "C0SUPPORT", "teams": "19:support@thread.tacv2" },
            "Chain": [
              { "Name": "frontline", "Roles": [ "frontline" ], "ClaimWithin": "00:15:00", "ReplyWithin": "00:45:00" },
              { "Name": "lead", "Roles": [ "lead" ], "ClaimWithin": "00:10:00", "ReplyWithin": "00:30:00" },
              { "Name": "manager", "Roles": [ "manager" ], "ClaimWithin": "00:10:00", "ReplyWithin": "00:30:00" },
              { "Name": "crisis", "Roles": [ "crisis" ], "ClaimWithin": "00:05:00", "ReplyWithin": "00:15:00" }
            ]
          }
        ],
        "DefaultQueue": "support",
        "Sensitivities": [
          {
            "Name": "legal",
            "ApproverRole": "legal",
            "Phrases": [ "lawyer", "sue", "class action", "gdpr" ],
            "Channels": { "slack": "C0LEGAL", "teams": "19:legal@thread.tacv2" }
          }
        ],
        "Crisis": { "Role": "crisis", "Channels": { "slack": "C0CRISIS", "teams": "19:crisis@thread.tacv2" } }
      }
    }
    """;

    /// <summary>A time as stores keep it: to the millisecond.</summary>
    public static DateTimeOffset Stored(DateTimeOffset at) => DateTimeOffset.FromUnixTimeMilliseconds(at.ToUnixTimeMilliseconds());

    public static IConfiguration Configuration() =>
        new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(Json))).Build();

    public static AccountabilityOptions AccountabilityOptions() =>
        Configuration().GetSection(global::ChatOpsReply.Accountability.AccountabilityOptions.Section).Get<AccountabilityOptions>()!;

    public static AccountabilityPolicy Policy() => new(Options.Create(AccountabilityOptions()));

    public static GuidelineOptions GuidelineOptions() =>
        Configuration().GetSection(global::ChatOpsReply.Guidelines.GuidelineOptions.Section).Get<GuidelineOptions>() ?? new GuidelineOptions();

    public static Person Person(string id) => Policy().People.Find(id) ?? throw new ArgumentException($"No test person '{id}'.", nameof(id));
}
