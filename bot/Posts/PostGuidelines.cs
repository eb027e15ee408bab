using ChatOpsReply.Guidelines;

namespace ChatOpsReply.Posts;

/// <summary>The house rules asked about a post: its thread as the guidelines see it.</summary>
public static class PostGuidelines
{
    public static ReplyThread Thread(this CustomerPost post)
    {
        ArgumentNullException.ThrowIfNull(post);
        return new ReplyThread(post.Source, post.Author.FirstName, CustomerTexts(post), [.. post.Replies.Select(r => r.Text)]);
    }

    public static bool IsHeated(this ReplyGuidelines guidelines, CustomerPost post)
    {
        ArgumentNullException.ThrowIfNull(guidelines);
        ArgumentNullException.ThrowIfNull(post);
        return guidelines.IsHeated(CustomerTexts(post));
    }

    private static string[] CustomerTexts(CustomerPost post) => [post.Text, .. post.FollowUps.Select(f => f.Text)];
}
