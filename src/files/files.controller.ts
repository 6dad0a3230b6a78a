import {
  BadRequestException, Body, ConflictException, Controller, Delete, Get, HttpCode, NotFoundException, Param, Post, Query, UploadedFile, UseInterceptors,
} from '@nestjs/common';
import * as fs from 'node:fs';
import { FileInterceptor } from '@nestjs/platform-express';
import { Access, CurrentPrincipal } from '../auth/access.decorators';
import { Principal } from '../auth/auth-types';
import { badParameter, integerParam } from '../platform/http/bad-request';
import { FilesService } from './files.service';
import { DuplicateFileError, sha256OfFile } from './content-hash';
import { ParseRulesService } from '../parse-rules/parse-rules.service';
import { FileOptions, INPUT_FORMATS, InputFormat, LogFile } from './file-types';
import { RateLimit } from '../rate-limits/rate-limit.decorator';
import { ApiDoc } from '../openapi/api-doc.decorator';
import { FILES_DOCS } from './files.openapi';
import { isNamedFormat, ruleFromBody, toApiRule } from '../parse-rules/parse-rule-params';
import { NAMED_FORMAT_NAMES } from '../ingest/parsers/rules/named-formats';

export function toApiFile(f: LogFile) {
  const progress = f.status === 'completed' ? 100 : f.size === 0 ? 0 : Math.min(99.9, Math.round((f.bytesProcessed / f.size) * 1000) / 10);
  return {
    id: f.id,
    _id: f.id,
    original_name: f.originalName,
    filename: f.originalName,
    file_type: f.format,
    source: f.source,
    status: f.status,
    size: f.size,
    lines_total: f.linesTotal,
    accepted: f.accepted,
    rejected: f.rejected,
    errors: f.errors,
    failure: f.failure,
    progress,
    bytes_processed: f.bytesProcessed,
    uploaded_by: f.uploadedBy,
    upload_date: new Date(f.uploadDate).toISOString(),
    completed_at: f.completedAt ? new Date(f.completedAt).toISOString() : null,
    description: f.description,
    rule: f.options.rule ? toApiRule(f.options.rule) : null,
  };
}

const optional = (body: Record<string, unknown>, key: string, max = 200): string | undefined => {
  const v = body[key];
  if (v === undefined || v === '') return undefined;
  if (typeof v !== 'string' || v.length > max) throw badParameter(key, `must be text of at most ${max} characters`);
  return v;
};

function booleanField(body: Record<string, unknown>, key: string): boolean {
  const v = body[key];
  if (v === undefined || v === '' || v === 'false' || v === false) return false;
  if (v === 'true' || v === true) return true;
  throw badParameter(key, 'must be true or false');
}

function uploadOptions(body: Record<string, unknown>): FileOptions {
  const asked = optional(body, 'format') ?? 'auto';
  // A named parsing format (`logcat`) is a rule over text lines.
  const named = isNamedFormat(asked);
  const format = (named ? 'text' : asked) as InputFormat;
  if (!INPUT_FORMATS.includes(format)) throw badParameter('format', `must be an input format (${INPUT_FORMATS.join(', ')}) or a named parsing format (${NAMED_FORMAT_NAMES.join(', ')})`);
  const rule = ruleFromBody(named ? body : { ...body, format: undefined });
  const delimiterRaw = optional(body, 'delimiter', 5);
  const delimiter = delimiterRaw === '\\t' || delimiterRaw === 'tab' ? '\t' : delimiterRaw;
  if (delimiter !== undefined && ![',', ';', '\t', '|'].includes(delimiter)) throw badParameter('delimiter', 'must be , ; | or tab');
  return {
    format: rule ? 'text' : format,
    ...(rule ? { rule } : {}),
    delimiter,
    timestampField: optional(body, 'timestamp_field', 100),
    service: optional(body, 'service') ?? optional(body, 'source'),
    environment: optional(body, 'environment'),
  };
}

@Controller('api')
export class FilesController {
  constructor(
    private readonly files: FilesService,
    private readonly rules: ParseRulesService,
  ) {}

  @ApiDoc(FILES_DOCS.upload)
  @Post('upload')
  @RateLimit('ingest')
  @Access('ingest')
  @HttpCode(201)
  @UseInterceptors(FileInterceptor('file'))
  async upload(@CurrentPrincipal() who: Principal, @UploadedFile() file: Express.Multer.File | undefined, @Body() body: Record<string, unknown>) {
    if (!file) throw new BadRequestException({ success: false, error: 'invalid_parameter', field: 'file', message: 'file: a multipart field "file" is required' });
    let registered: LogFile;
    try {
      const options = uploadOptions(body ?? {});
      const description = optional(body ?? {}, 'description', 2000) ?? null;
      const rule = await this.rules.resolve(who.tenantId, { spec: options.rule, saved: optional(body ?? {}, 'rule', 100), service: options.service });
      if (rule) Object.assign(options, { rule, format: 'text' });
      registered = await this.files.register({
        tenantId: who.tenantId,
        originalName: file.originalname,
        storedPath: file.path,
        size: file.size,
        source: 'upload',
        uploadedBy: who.username,
        description,
        options,
        contentHash: await sha256OfFile(file.path),
        allowDuplicate: booleanField(body ?? {}, 'allow_duplicate'),
      });
    } catch (err) {
      fs.rmSync(file.path, { force: true });
      if (err instanceof DuplicateFileError) {
        throw new ConflictException({
          success: false, error: 'duplicate_file', duplicate_of: toApiFile(err.earlier),
          message: `${err.message} on ${new Date(err.earlier.uploadDate).toISOString()}; send allow_duplicate=true to store it twice`,
        });
      }
      throw err;
    }
    return { success: true, message: 'File uploaded successfully', file_id: registered.id, filename: registered.originalName, status: registered.status };
  }

  @ApiDoc(FILES_DOCS.list)
  @Get('files')
  @Access('read')
  async list(@CurrentPrincipal() who: Principal, @Query('page') pageRaw?: string, @Query('per_page') perPageRaw?: string) {
    const page = integerParam(pageRaw, 'page', 1, 1, 1_000_000);
    const perPage = integerParam(perPageRaw, 'per_page', 20, 1, 200);
    const { files, total } = await this.files.list(who.tenantId, page, perPage);
    return { success: true, files: files.map(toApiFile), count: files.length, total, page, per_page: perPage, total_pages: Math.ceil(total / perPage) };
  }

  @ApiDoc(FILES_DOCS.one)
  @Get('files/:id')
  @Access('read')
  async one(@CurrentPrincipal() who: Principal, @Param('id') id: string) {
    const file = await this.files.get(who.tenantId, id);
    if (!file) throw new NotFoundException({ success: false, error: 'not_found', message: `No file ${id}` });
    return { success: true, ...toApiFile(file), file: toApiFile(file) };
  }

  @ApiDoc(FILES_DOCS.remove)
  @Delete('files/:id')
  @Access('write')
  async remove(@CurrentPrincipal() who: Principal, @Param('id') id: string) {
    if (!(await this.files.delete(who.tenantId, id))) throw new NotFoundException({ success: false, error: 'not_found', message: `No file ${id}` });
    return { success: true, message: 'File deleted successfully' };
  }
}
