#include "cimagecodecs.h"

#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>
#include <png.h>
#include <webp/decode.h>
#include <webp/encode.h>

/* ---- JPEG ---------------------------------------------------------------- */

typedef struct {
    struct jpeg_error_mgr base;
    jmp_buf jump;
    char *message;
    size_t message_size;
} nk_jpeg_error;

static void nk_jpeg_exit(j_common_ptr info) {
    nk_jpeg_error *error = (nk_jpeg_error *)info->err;
    if (error->message && error->message_size) (*info->err->format_message)(info, error->message);
    longjmp(error->jump, 1);
}

static void nk_jpeg_silence(j_common_ptr info, int level) { (void)info; (void)level; }

int nk_jpeg_size(const unsigned char *data, size_t size, int *width, int *height) {
    struct jpeg_decompress_struct info;
    nk_jpeg_error error = {0};
    info.err = jpeg_std_error(&error.base);
    error.base.error_exit = nk_jpeg_exit;
    error.base.emit_message = nk_jpeg_silence;
    if (setjmp(error.jump)) { jpeg_destroy_decompress(&info); return -1; }
    jpeg_create_decompress(&info);
    jpeg_mem_src(&info, data, (unsigned long)size);
    jpeg_read_header(&info, TRUE);
    *width = (int)info.image_width;
    *height = (int)info.image_height;
    jpeg_destroy_decompress(&info);
    return 0;
}

int nk_decode_jpeg(const unsigned char *data, size_t size, int scale_denom, nk_image *out, char *message, size_t message_size) {
    struct jpeg_decompress_struct info;
    nk_jpeg_error error = {0};
    unsigned char *volatile pixels = NULL;
    char scratch[JMSG_LENGTH_MAX];
    error.message = scratch;
    error.message_size = sizeof scratch;
    scratch[0] = 0;
    info.err = jpeg_std_error(&error.base);
    error.base.error_exit = nk_jpeg_exit;
    error.base.emit_message = nk_jpeg_silence;
    if (setjmp(error.jump)) {
        jpeg_destroy_decompress(&info);
        free(pixels);
        if (message && message_size) snprintf(message, message_size, "%s", scratch);
        return -1;
    }
    jpeg_create_decompress(&info);
    jpeg_mem_src(&info, data, (unsigned long)size);
    jpeg_read_header(&info, TRUE);
    info.out_color_space = JCS_RGB;
    if (scale_denom == 2 || scale_denom == 4 || scale_denom == 8) {
        info.scale_num = 1;
        info.scale_denom = (unsigned int)scale_denom;
    }
    jpeg_start_decompress(&info);
    size_t stride = (size_t)info.output_width * 3;
    pixels = malloc(stride * info.output_height);
    if (!pixels) { snprintf(scratch, sizeof scratch, "out of memory"); longjmp(error.jump, 1); }
    while (info.output_scanline < info.output_height) {
        JSAMPROW row = pixels + stride * info.output_scanline;
        jpeg_read_scanlines(&info, &row, 1);
    }
    jpeg_finish_decompress(&info);
    out->pixels = pixels;
    out->width = (int)info.output_width;
    out->height = (int)info.output_height;
    out->channels = 3;
    jpeg_destroy_decompress(&info);
    return 0;
}

int nk_encode_jpeg(const nk_image *image, int quality, unsigned char **out, size_t *out_size) {
    struct jpeg_compress_struct info;
    nk_jpeg_error error = {0};
    unsigned char *buffer = NULL;
    unsigned long buffer_size = 0;
    unsigned char *volatile rgb = NULL;
    info.err = jpeg_std_error(&error.base);
    error.base.error_exit = nk_jpeg_exit;
    error.base.emit_message = nk_jpeg_silence;
    if (setjmp(error.jump)) { jpeg_destroy_compress(&info); free(buffer); free(rgb); return -1; }
    jpeg_create_compress(&info);
    jpeg_mem_dest(&info, &buffer, &buffer_size);
    info.image_width = (JDIMENSION)image->width;
    info.image_height = (JDIMENSION)image->height;
    info.input_components = 3;
    info.in_color_space = JCS_RGB;
    jpeg_set_defaults(&info);
    jpeg_set_quality(&info, quality, TRUE);
    info.optimize_coding = TRUE;
    jpeg_simple_progression(&info);
    /* No JFIF density or comments beyond the bare APP0 libjpeg always writes. */
    jpeg_start_compress(&info, TRUE);
    size_t width = (size_t)image->width;
    if (image->channels == 4) {
        /* Flatten transparency onto white: JPEG has no alpha. */
        rgb = malloc(width * 3);
        if (!rgb) longjmp(error.jump, 1);
    }
    while (info.next_scanline < info.image_height) {
        const unsigned char *source = image->pixels + (size_t)info.next_scanline * width * (size_t)image->channels;
        JSAMPROW row;
        if (image->channels == 4) {
            for (size_t x = 0; x < width; x++) {
                unsigned alpha = source[x * 4 + 3];
                for (int c = 0; c < 3; c++) rgb[x * 3 + c] = (unsigned char)((source[x * 4 + c] * alpha + 255 * (255 - alpha) + 127) / 255);
            }
            row = rgb;
        } else {
            row = (JSAMPROW)source;
        }
        jpeg_write_scanlines(&info, &row, 1);
    }
    jpeg_finish_compress(&info);
    jpeg_destroy_compress(&info);
    free(rgb);
    *out = buffer;
    *out_size = buffer_size;
    return 0;
}

/* ---- PNG ----------------------------------------------------------------- */

int nk_png_size(const unsigned char *data, size_t size, int *width, int *height) {
    /* IHDR is the first chunk: 8-byte signature, 4 length, 4 type, then width and height. */
    if (size < 24 || png_sig_cmp(data, 0, 8) != 0 || memcmp(data + 12, "IHDR", 4) != 0) return -1;
    *width = (int)((data[16] << 24) | (data[17] << 16) | (data[18] << 8) | data[19]);
    *height = (int)((data[20] << 24) | (data[21] << 16) | (data[22] << 8) | data[23]);
    return (*width > 0 && *height > 0) ? 0 : -1;
}

int nk_decode_png(const unsigned char *data, size_t size, nk_image *out, char *message, size_t message_size) {
    png_image image;
    memset(&image, 0, sizeof image);
    image.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_memory(&image, data, size)) {
        if (message && message_size) snprintf(message, message_size, "%s", image.message);
        return -1;
    }
    int alpha = (image.format & PNG_FORMAT_FLAG_ALPHA) != 0;
    image.format = alpha ? PNG_FORMAT_RGBA : PNG_FORMAT_RGB;
    size_t bytes = PNG_IMAGE_SIZE(image);
    unsigned char *pixels = malloc(bytes);
    if (!pixels) { png_image_free(&image); return -1; }
    if (!png_image_finish_read(&image, NULL, pixels, 0, NULL)) {
        if (message && message_size) snprintf(message, message_size, "%s", image.message);
        free(pixels);
        png_image_free(&image);
        return -1;
    }
    out->pixels = pixels;
    out->width = (int)image.width;
    out->height = (int)image.height;
    out->channels = alpha ? 4 : 3;
    png_image_free(&image);
    return 0;
}

int nk_encode_png(const nk_image *source, unsigned char **out, size_t *out_size) {
    png_image image;
    memset(&image, 0, sizeof image);
    image.version = PNG_IMAGE_VERSION;
    image.width = (png_uint_32)source->width;
    image.height = (png_uint_32)source->height;
    image.format = source->channels == 4 ? PNG_FORMAT_RGBA : PNG_FORMAT_RGB;
    png_alloc_size_t size = 0;
    if (!png_image_write_to_memory(&image, NULL, &size, 0, source->pixels, 0, NULL)) return -1;
    unsigned char *buffer = malloc(size);
    if (!buffer) return -1;
    if (!png_image_write_to_memory(&image, buffer, &size, 0, source->pixels, 0, NULL)) { free(buffer); return -1; }
    *out = buffer;
    *out_size = size;
    return 0;
}

/* ---- WebP ---------------------------------------------------------------- */

int nk_webp_size(const unsigned char *data, size_t size, int *width, int *height) {
    return WebPGetInfo(data, size, width, height) ? 0 : -1;
}

int nk_decode_webp(const unsigned char *data, size_t size, nk_image *out, char *message, size_t message_size) {
    WebPBitstreamFeatures features;
    if (WebPGetFeatures(data, size, &features) != VP8_STATUS_OK) {
        if (message && message_size) snprintf(message, message_size, "not a WebP image");
        return -1;
    }
    int width = 0, height = 0;
    unsigned char *pixels = features.has_alpha ? WebPDecodeRGBA(data, size, &width, &height)
                                               : WebPDecodeRGB(data, size, &width, &height);
    if (!pixels) {
        if (message && message_size) snprintf(message, message_size, "WebP decoding failed");
        return -1;
    }
    /* Own the buffer with malloc so that nk_image_free works for every decoder. */
    int channels = features.has_alpha ? 4 : 3;
    size_t bytes = (size_t)width * (size_t)height * (size_t)channels;
    unsigned char *copy = malloc(bytes);
    if (!copy) { WebPFree(pixels); return -1; }
    memcpy(copy, pixels, bytes);
    WebPFree(pixels);
    out->pixels = copy;
    out->width = width;
    out->height = height;
    out->channels = channels;
    return 0;
}

int nk_encode_webp(const nk_image *image, float quality, unsigned char **out, size_t *out_size) {
    /* The advanced API: the simple one uses method 4, which took 60 % of a photo build;
       method 2 is about twice as fast for a few per cent in size. No metadata is written. */
    WebPConfig config;
    if (!WebPConfigPreset(&config, WEBP_PRESET_PHOTO, quality)) return -1;
    config.method = 2;
    config.thread_level = 0;
    WebPPicture picture;
    if (!WebPPictureInit(&picture)) return -1;
    picture.width = image->width;
    picture.height = image->height;
    int ok = image->channels == 4 ? WebPPictureImportRGBA(&picture, image->pixels, image->width * 4)
                                  : WebPPictureImportRGB(&picture, image->pixels, image->width * 3);
    if (!ok) { WebPPictureFree(&picture); return -1; }
    WebPMemoryWriter writer;
    WebPMemoryWriterInit(&writer);
    picture.writer = WebPMemoryWrite;
    picture.custom_ptr = &writer;
    ok = WebPEncode(&config, &picture);
    WebPPictureFree(&picture);
    if (!ok || writer.size == 0) { WebPMemoryWriterClear(&writer); return -1; }
    /* Hand back malloc'd memory, freed by nk_free like the others. */
    unsigned char *copy = malloc(writer.size);
    if (!copy) { WebPMemoryWriterClear(&writer); return -1; }
    memcpy(copy, writer.mem, writer.size);
    *out = copy;
    *out_size = writer.size;
    WebPMemoryWriterClear(&writer);
    return 0;
}

/* ---- Resize -------------------------------------------------------------- */

int nk_resize(const nk_image *image, int width, int height, nk_image *out) {
    WebPPicture picture;
    if (!WebPPictureInit(&picture)) return -1;
    picture.use_argb = 1;
    picture.width = image->width;
    picture.height = image->height;
    int ok = image->channels == 4 ? WebPPictureImportRGBA(&picture, image->pixels, image->width * 4)
                                  : WebPPictureImportRGB(&picture, image->pixels, image->width * 3);
    if (!ok || !WebPPictureRescale(&picture, width, height)) { WebPPictureFree(&picture); return -1; }
    int channels = image->channels;
    unsigned char *pixels = malloc((size_t)width * (size_t)height * (size_t)channels);
    if (!pixels) { WebPPictureFree(&picture); return -1; }
    for (int y = 0; y < height; y++) {
        const uint32_t *row = picture.argb + (size_t)y * (size_t)picture.argb_stride;
        unsigned char *target = pixels + (size_t)y * (size_t)width * (size_t)channels;
        for (int x = 0; x < width; x++) {
            uint32_t argb = row[x];
            target[x * channels + 0] = (unsigned char)(argb >> 16);
            target[x * channels + 1] = (unsigned char)(argb >> 8);
            target[x * channels + 2] = (unsigned char)argb;
            if (channels == 4) target[x * channels + 3] = (unsigned char)(argb >> 24);
        }
    }
    WebPPictureFree(&picture);
    out->pixels = pixels;
    out->width = width;
    out->height = height;
    out->channels = channels;
    return 0;
}

void nk_image_free(nk_image *image) {
    if (image && image->pixels) { free(image->pixels); image->pixels = NULL; }
}

void nk_free(void *pointer) { free(pointer); }
