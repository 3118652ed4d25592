package io.inkwell.webhook;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inkwell.auth.Permissions;
import io.inkwell.common.paging.Page;
import io.inkwell.common.paging.PagingParams;
import io.inkwell.common.web.RequestReader;
import io.inkwell.webhook.WebhookDtos.CreateWebhookRequest;
import io.inkwell.webhook.WebhookDtos.DeliveryView;
import io.inkwell.webhook.WebhookDtos.UpdateWebhookRequest;
import io.inkwell.webhook.WebhookDtos.WebhookView;
import io.inkwell.webhook.WebhookDtos.WebhookWithSecret;
import io.quarkus.security.PermissionsAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;

/** Admin API for webhooks and their deliveries. Signing secrets appear once, when made or rotated. */
@PermissionsAllowed(Permissions.WEBHOOKS)
@Path("/api/admin/webhooks")
@Produces(MediaType.APPLICATION_JSON)
public class WebhookResource {

    private final WebhookService service;
    private final RequestReader reader;

    public WebhookResource(WebhookService service, RequestReader reader) {
        this.service = service;
        this.reader = reader;
    }

    @GET
    public Page<WebhookView> list(@BeanParam PagingParams paging) {
        return service.list(paging.toPageRequest());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(ObjectNode body, UriInfo uri) {
        WebhookWithSecret created = service.create(reader.readUnchecked(body, CreateWebhookRequest.class));
        return Response.created(uri.getAbsolutePathBuilder().path(created.webhook().id().toString()).build())
                .header("Cache-Control", "no-store").entity(created).build();
    }

    @GET
    @Path("{id}")
    public WebhookView get(@PathParam("id") UUID id) {
        return service.get(id);
    }

    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public WebhookView update(@PathParam("id") UUID id, ObjectNode body) {
        return service.update(id, reader.readMergePatch(body, UpdateWebhookRequest.class));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") UUID id) {
        service.delete(id);
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/rotate-secret")
    public Response rotateSecret(@PathParam("id") UUID id) {
        return Response.ok(service.rotateSecret(id)).header("Cache-Control", "no-store").build();
    }

    @POST
    @Path("{id}/test")
    public Response sendTest(@PathParam("id") UUID id) {
        return Response.accepted(service.sendTest(id)).build();
    }

    @GET
    @Path("{id}/deliveries")
    public Page<DeliveryView> deliveries(@PathParam("id") UUID id, @BeanParam PagingParams paging) {
        return service.deliveries(id, paging.toPageRequest());
    }

    @POST
    @Path("{id}/deliveries/{deliveryId}/redeliver")
    public Response redeliver(@PathParam("id") UUID id, @PathParam("deliveryId") UUID deliveryId) {
        DeliveryView delivery = service.redeliver(id, deliveryId);
        return Response.accepted(delivery).build();
    }
}
