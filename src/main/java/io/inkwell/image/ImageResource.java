package io.inkwell.image;

import io.inkwell.auth.Permissions;
import io.quarkus.security.PermissionsAllowed;
import io.inkwell.common.paging.PagingParams;
import io.inkwell.common.error.ContentTooLargeException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inkwell.common.config.InkwellConfig;
import io.inkwell.common.error.ApiException;
import io.inkwell.common.error.FieldError;
import io.inkwell.common.error.InvalidInputException;
import io.inkwell.common.paging.Page;
import io.inkwell.common.paging.PageRequest;
import io.inkwell.common.web.BodyLimit;
import io.inkwell.common.web.CappedCopy;
import io.inkwell.common.web.QueryParams;
import io.inkwell.common.web.RequestReader;
import io.inkwell.common.web.VersionPrecondition;
import io.inkwell.image.ImageDtos.ImageView;
import io.inkwell.image.ImageDtos.UpdateImageRequest;
import io.inkwell.common.web.WriteSlot;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.resteasy.reactive.server.multipart.MultipartFormDataInput;

/** Admin API for images: upload (multipart or raw bytes), list, read, edit alt/caption, delete. */
@PermissionsAllowed(Permissions.IMAGES_READ)
@Path("/api/admin/images")
@Produces(MediaType.APPLICATION_JSON)
public class ImageResource {

    private final ImageService service;
    private final RequestReader reader;
    private final long maxBytes;

    public ImageResource(ImageService service, RequestReader reader, InkwellConfig config) {
        this.service = service;
        this.reader = reader;
        this.maxBytes = config.images().maxBytes();
    }

    @PermissionsAllowed(Permissions.IMAGES_UPLOAD)
    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @BodyLimit(BodyLimit.Kind.IMAGE)
    public Response uploadForm(MultipartFormDataInput form, UriInfo uri) {
        UploadForm upload = UploadForm.read(form);
        // The limits of PATCH (ImageDtos.UpdateImageRequest), every bad part named at once.
        List<FieldError> errors = new ArrayList<>(reader.fieldErrors(new UpdateImageRequest(upload.alt(), upload.caption())));
        if (upload.file() == null) {
            errors.add(new FieldError("file", "A 'file' part with the image is required."));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        try (InputStream bytes = upload.file().getFileItem().getInputStream()) {
            long size = upload.file().getFileItem().getFileSize();
            if (size > maxBytes) {
                throw tooLarge(size);
            }
            return created(service.upload(bytes.readAllBytes(), upload.file().getFileName(), upload.alt(), upload.caption()), uri);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @PermissionsAllowed(Permissions.IMAGES_UPLOAD)
    @POST
    @Consumes({"image/*", MediaType.APPLICATION_OCTET_STREAM})
    @BodyLimit(BodyLimit.Kind.IMAGE)
    public Response uploadBytes(InputStream body, @QueryParam("filename") String filename,
            @QueryParam("alt") String alt, @QueryParam("caption") String caption, UriInfo uri) {
        reader.validate(new UpdateImageRequest(alt, caption));
        return created(service.upload(readLimited(body), filename, alt, caption), uri);
    }

    @GET
    public Page<ImageView> list(@QueryParam("unused") String unused, @BeanParam PagingParams pagingParams) {
        return service.list(pagingParams.toPageRequest(), QueryParams.flag("unused", unused));
    }

    @GET
    @Path("{id}")
    public Response get(@PathParam("id") UUID id) {
        ImageView image = service.get(id);
        return VersionPrecondition.tagged(Response.ok(), image, image.version());
    }

    @PermissionsAllowed(Permissions.IMAGES_WRITE)
    @PATCH
    @WriteSlot
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response update(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) List<String> ifMatch,
            ObjectNode body) {
        ImageView image = service.update(id, VersionPrecondition.ifMatch(ifMatch),
                reader.readMergePatch(body, UpdateImageRequest.class));
        return VersionPrecondition.tagged(Response.ok(), image, image.version());
    }

    @PermissionsAllowed(Permissions.IMAGES_WRITE)
    @DELETE
    @WriteSlot
    @Path("{id}")
    public Response delete(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) List<String> ifMatch,
            @QueryParam("force") String force) {
        service.delete(id, VersionPrecondition.ifMatch(ifMatch), QueryParams.flag("force", force));
        return Response.noContent().build();
    }

    private static Response created(ImageService.Upload upload, UriInfo uri) {
        // 201 for a new image; 200 when these bytes were uploaded before (content-addressed).
        Response.ResponseBuilder builder = upload.created()
                ? Response.status(Response.Status.CREATED) : Response.ok();
        return VersionPrecondition.tagged(builder.location(
                uri.getBaseUriBuilder().path("api/admin/images").path(upload.image().id().toString()).build()),
                upload.image(), upload.image().version());
    }

    /** Counts while reading, for bodies sent without a Content-Length. */
    private byte[] readLimited(InputStream body) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            CappedCopy.copy(body, out, maxBytes, this::tooLarge);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ApiException tooLarge(long size) {
        return new ContentTooLargeException("Images are limited to " + maxBytes + " bytes"
                + (size > 0 ? "; this one has at least " + size + "." : "."));
    }
}
