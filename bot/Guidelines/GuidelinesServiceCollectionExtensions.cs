using ChatOpsReply.Accountability;

namespace ChatOpsReply.Guidelines;

public static class GuidelinesServiceCollectionExtensions
{
    public static IServiceCollection AddGuidelines(this IServiceCollection services)
    {
        services.AddOptions<GuidelineOptions>()
            .BindConfiguration(GuidelineOptions.Section)
            .Validate(o => o.MinimumWords >= 1, $"{GuidelineOptions.Section}:MinimumWords must be at least 1.")
            .Validate(o => o.TextMessageSegmentLength > 0 && o.TextMessageMaxLength >= o.TextMessageSegmentLength, $"{GuidelineOptions.Section}:TextMessageMaxLength must be at least TextMessageSegmentLength.")
            .Validate(o => o.MaxTextsPerCustomer >= 1 && o.TextWindow > TimeSpan.Zero, $"{GuidelineOptions.Section}:MaxTextsPerCustomer and TextWindow must be positive.")
            .Validate(o => new[] { o.TextMessageSources, o.PublicSources, [.. o.SourceMaxLength.Keys] }.All(list => list is null || list.All(SourceName.IsValid)), $"{GuidelineOptions.Section}: TextMessageSources, PublicSources and SourceMaxLength name sources. {SourceName.Rule}")
            .ValidateOnStart();
        services.AddSingleton<ReplyGuidelines>();
        return services;
    }
}
