using ChatOpsReply.Delivery;
using MimeKit;

namespace ChatOpsReply.Sources.Email;

public static class EmailServiceCollectionExtensions
{
    /// <summary>E-mail, when Sources:Email:Imap:Host, User and Password are set; only the options otherwise.</summary>
    public static IServiceCollection AddEmail(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        const string S = EmailOptions.Section;
        services.AddOptions<EmailOptions>().BindConfiguration(S)
            .Validate(o => o.IsEnabled || new[] { o.Imap.Host, o.Imap.User, o.Imap.Password }.All(string.IsNullOrWhiteSpace), $"{S}:Imap:Host, {S}:Imap:User and {S}:Imap:Password are needed together.")
            .Validate(o => !o.IsEnabled || !string.IsNullOrWhiteSpace(o.Smtp.Host), $"{S}:Smtp:Host is needed to send replies by e-mail.")
            .Validate(o => !o.IsEnabled || (o.Smtp.From is { } from && MailboxAddress.TryParse(from, out _)), $"{S}:Smtp:From must be the address replies go from, like \"Acme Support <support@acme.example>\".")
            .Validate(o => o.QueueAddresses.Values.All(a => MailboxAddress.TryParse(a, out _)), $"{S}:QueueAddresses must be e-mail addresses.")
            .Validate(o => (o.Imap.Port ?? 1) is > 0 and < 65536 && (o.Smtp.Port ?? 1) is > 0 and < 65536, $"{S}:Imap:Port and {S}:Smtp:Port must be TCP ports.")
            .Validate(o => o.PollInterval > TimeSpan.Zero && o.InitialLookback >= TimeSpan.Zero && o.MaxReconnectDelay > TimeSpan.Zero && o.CommandTimeout > TimeSpan.Zero, $"{S}: PollInterval, MaxReconnectDelay and CommandTimeout must be positive.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.Imap.Folder), $"{S}:Imap:Folder must name a folder, like INBOX.")
            .ValidateOnStart();
        if (!configuration.GetSection($"{S}:Imap").HasAll(nameof(ImapOptions.Host), nameof(ImapOptions.User), nameof(ImapOptions.Password)))
        {
            return services;
        }

        services.AddSingleton<EmailMailbox>();
        services.AddHostedService(sp => sp.GetRequiredService<EmailMailbox>());
        services.AddSingleton<EmailReplySender>();
        services.AddSingleton<IReplySender>(sp => sp.GetRequiredService<EmailReplySender>());
        return services;
    }
}
