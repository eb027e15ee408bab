using System.Reflection;
using NetArchTest.Rules;

namespace ChatOpsReply.Tests.Architecture;

/// <summary>
/// The layers of <c>bot/</c>, lowest first, as the README draws them. A feature folder may use
/// the layers below it and never one above; folders that share a layer (the adapters) do not
/// use each other. The store ports live with the features whose types they carry (Posts,
/// Delivery, Library, Teams); <c>Storage</c> holds only their implementations, at the top.
/// Telemetry and Http are plumbing at the base: they name no feature, and any feature that reads
/// requests or records figures may use them.
/// </summary>
internal static class Layers
{
    public static readonly IReadOnlyList<IReadOnlyList<string>> OfTheService =
    [
        ["Telemetry", "Http"],
        ["Accountability"],
        ["Guidelines"],
        ["Posts"],
        ["Crises"],
        ["Library"],
        ["Privacy"],
        ["Delivery"],
        ["Sources", "Slack", "Teams", "WebConsole"],
        ["Storage", "Operations", "Demo"],
        ["CommandLine"],
    ];

    /// <summary>Every type that uses a namespace above its own, or beside it, as "Type (Layer) uses Other".</summary>
    /// <param name="root">The namespace the layer names are under, e.g. "ChatOpsReply".</param>
    public static IReadOnlyList<string> Violations(Assembly assembly, string root, IReadOnlyList<IReadOnlyList<string>> layers)
    {
        var types = Types.InAssembly(assembly);
        var violations = new List<string>();
        for (var level = 0; level < layers.Count; level++)
        {
            foreach (var name in layers[level])
            {
                var forbidden = layers.Skip(level + 1).SelectMany(l => l).Concat(layers[level].Where(n => n != name));
                foreach (var other in forbidden)
                {
                    var result = types.That().ResideInNamespace($"{root}.{name}").ShouldNot().HaveDependencyOn($"{root}.{other}").GetResult();
                    if (!result.IsSuccessful)
                    {
                        violations.AddRange(result.FailingTypeNames.Select(type => $"{type} ({name}) uses {other}"));
                    }
                }
            }
        }

        return violations;
    }
}
