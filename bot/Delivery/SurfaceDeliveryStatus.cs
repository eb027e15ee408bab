namespace ChatOpsReply.Delivery;

public enum SurfaceDeliveryStatus
{
    Delivered,
    Retry,
    Failed,
}
