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

    /// <summary>Monday 23 November 2026, 09:00 UTC (10:00 in Paris).</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    public const string Json = """
    {
      "Sources": { "Generic": { "Secret": "test-webhook-secret" } },
      "Console": { "DemoIdentities": true },
      "Delivery": { "RunInBackground": false },
      "Sla": { "RunInBackground": false },
      "Accountability": {
        "People": [
          { "Id": "alice", "Name": "Alice Martin", "Roles": [ "frontline" ], "SlackUserId": "U0ALICE" },
          { "Id": "bob", "Name": "Bob Okafor", "Roles": [ "frontline" ] },
          { "Id": "carol", "Name": "Carol Nguyen", "Roles": [ "lead" ] },
          { "Id": "dan", "Name": "Dan Weber", "Roles": [ "manager" ] },
          { "Id": "lena", "Name": "Lena Fischer", "Roles": [ "legal" ] },
          { "Id": "lou", "Name": "Lou Park", "Roles": [ "frontline", "legal" ] },
          { "Id": "sam", "Name": "Sam Rivera", "Roles": [ "crisis" ] },
          { "Id": "ada", "Name": "Ada Admin", "Roles": [ "admin" ] },
          { "Id": "olga", "Name": "Olga Outsider", "Roles": [] }
        ],
        "Queues": [
          {
            "Name": "billing",
            "DisplayName": "Billing",
            "Keywords": [ "refund", "invoice" ],
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
            "Chain": [
              { "Name": "frontline", "Roles": [ "frontline" ], "ClaimWithin": "01:00:00", "ReplyWithin": "02:00:00" },
              { "Name": "lead", "Roles": [ "lead" ], "ClaimWithin": "01:00:00", "ReplyWithin": "02:00:00" },
              { "Name": "manager", "Roles": [ "manager" ], "ClaimWithin": "01:00:00", "ReplyWithin": "02:00:00" }
            ]
          },
          {
            "Name": "support",
            "DisplayName": "Support",
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
          { "Name": "legal", "ApproverRole": "legal", "Phrases": [ "lawyer", "sue", "class action", "gdpr" ] }
        ]
      }
    }
    """;

    public static IConfiguration Configuration() =>
        new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(Json))).Build();

    public static AccountabilityOptions AccountabilityOptions() =>
        Configuration().GetSection(global::ChatOpsReply.Accountability.AccountabilityOptions.Section).Get<AccountabilityOptions>()!;

    public static AccountabilityPolicy Policy() => new(Options.Create(AccountabilityOptions()));

    public static GuidelineOptions GuidelineOptions() =>
        Configuration().GetSection(global::ChatOpsReply.Guidelines.GuidelineOptions.Section).Get<GuidelineOptions>() ?? new GuidelineOptions();

    public static Person Person(string id) => Policy().People.Find(id) ?? throw new ArgumentException($"No test person '{id}'.", nameof(id));
}
