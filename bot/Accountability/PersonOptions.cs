using System.ComponentModel.DataAnnotations;

namespace ChatOpsReply.Accountability;

public sealed class PersonOptions
{
    [Required]
    public string Id { get; set; } = "";

    [Required]
    public string Name { get; set; } = "";

    public List<string> Roles { get; set; } = [];

    public string? SlackUserId { get; set; }

    public string? TeamsUserId { get; set; }

    public string? Email { get; set; }

    /// <summary>The person's subject ("sub") at the console's sign-in provider, when their e-mail does not identify them.</summary>
    public string? SignInSubject { get; set; }
}
