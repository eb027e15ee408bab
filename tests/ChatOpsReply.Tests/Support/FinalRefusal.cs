using ChatOpsReply.Accountability;
using ChatOpsReply.Posts;

namespace ChatOpsReply.Tests.Support;

/// <summary>What every platform's final refusal looks like to the owner: said why on the card, no Retry, and sending again refused with the same words.</summary>
public static class FinalRefusal
{
    public static async Task AssertAsync(ServiceHost host, string postId, string sentenceStart, string owner = "alice")
    {
        ArgumentNullException.ThrowIfNull(host);
        var post = await host.PostAsync(postId);
        var delivery = post.Replies[^1].Delivery;
        Assert.Equal(ReplyDeliveryStatus.Refused, delivery.Status);
        Assert.StartsWith(sentenceStart, delivery.Reason, StringComparison.Ordinal);

        var card = host.Service<PostCardBuilder>().Build(post, host.Service<AccountabilityPolicy>().People.Find(owner));
        Assert.Equal("Not delivered", card.StateLabel);
        Assert.Contains(new ChatOpsReply.Cards.CardFact("Delivery", $"Not delivered: {delivery.Reason}"), card.Facts);
        Assert.DoesNotContain(card.Actions, a => a.Id == nameof(PostTrigger.Resend));

        var again = await host.ActAsync(postId, PostTrigger.Resend, owner);
        Assert.Equal(CommandOutcome.Rejected, again.Outcome);
        // Other refusals may follow (an opted-out customer also has no opt-in now).
        Assert.StartsWith($"{delivery.Reason} Sending it again cannot change that.", again.Message, StringComparison.Ordinal);
    }
}
