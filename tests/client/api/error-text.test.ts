import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../client/api/client';
import { errorText } from '../../../client/api/error-text';
import { initI18n } from '../../../client/i18n';
import { ERROR_CODES } from '../../../shared/contract/errors';
import vi from '../../../client/i18n/vi/common.json';
import en from '../../../client/i18n/en/common.json';

const http = (status: number, code: string | null, message: string) => new ApiError('http', message, { status, code, url: '/api/v1/x' });

describe('errorText', () => {
  it('every error code the server may send has a Vietnamese and an English sentence', () => {
    for (const code of ERROR_CODES) {
      expect(vi.error.api.codes, code).toHaveProperty(code);
      expect(en.error.api.codes, code).toHaveProperty(code);
    }
  });

  it("says a refusal in the reader's language, not the server's English", () => {
    initI18n('vi');
    expect(errorText(http(409, 'user_exists', 'a user named "an" exists'))).toBe('Tên đăng nhập đã có');
    expect(errorText(http(403, 'forbidden', 'not allowed for scope unit:26734'))).toBe(
      'Tài khoản của bạn không có quyền thực hiện việc này',
    );
  });

  it("keeps the server's detail where it names the field to correct", () => {
    initI18n('vi');
    expect(errorText(http(400, 'invalid_user', 'password: must be at least 12 characters'))).toBe(
      'Thông tin người dùng không hợp lệ (chi tiết: password: must be at least 12 characters)',
    );
  });

  it('names a lost connection and an unknown status without inventing a reason', () => {
    initI18n('vi');
    expect(errorText(new ApiError('network', 'fetch failed', { url: '/api/v1/x' }))).toBe('Không kết nối được máy chủ');
    expect(errorText(http(502, null, 'Bad Gateway'))).toBe('Máy chủ trả lỗi 502');
  });

  it('speaks English to an English reader', async () => {
    const i18n = initI18n('vi');
    await i18n.changeLanguage('en');
    expect(errorText(http(429, 'rate_limited', 'slow down'))).toBe('Too many requests; try again in a few minutes');
    await i18n.changeLanguage('vi');
  });
});
