using ChatOpsReply.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsReply.Tests.Storage;

/// <summary>
/// A contract suite's store: each test gets a fresh, empty one, configured by the derived class
/// of the implementation under test.
/// </summary>
public abstract class FreshStore : IAsyncLifetime
{
    private ServiceProvider? _services;

    /// <summary>Settings (Storage:…) for a fresh, empty store.</summary>
    protected abstract IDictionary<string, string?> StoreSettings();

    protected T Store<T>()
        where T : notnull => _services!.GetRequiredService<T>();

    public virtual Task InitializeAsync()
    {
        _services = StoreServices.Build(StoreSettings());
        return Task.CompletedTask;
    }

    public virtual async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }
    }
}
