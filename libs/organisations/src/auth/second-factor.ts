import { Injectable } from '@nestjs/common';
import { authenticator } from 'otplib';
import { EntityManager } from 'typeorm';
import { AppConfig, hashToken, InjectConfig, randomToken, SecretBox } from '@steppingstone/core';
import { User } from '../entities';

authenticator.options = { window: 1, step: 30, digits: 6 };

export const RECOVERY_CODE_COUNT = 10;

/** Time-based one-time passwords (RFC 6238) with single-use recovery codes. */
@Injectable()
export class SecondFactor {
  private readonly box: SecretBox;
  constructor(@InjectConfig() config: AppConfig) {
    this.box = new SecretBox(config.APP_SECRET);
  }

  newSecret(): { secret: string; sealed: string } {
    const secret = authenticator.generateSecret(20);
    return { secret, sealed: this.box.seal(secret) };
  }

  otpauthUrl(email: string, secret: string): string {
    return authenticator.keyuri(email, 'Steppingstone', secret);
  }

  verify(sealedSecret: string, code: string): boolean {
    return /^\d{6}$/.test(code) && authenticator.check(code, this.box.open(sealedSecret));
  }

  newRecoveryCodes(): { codes: string[]; hashes: string[] } {
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => randomToken(10).replace(/[-_]/g, 'x').slice(0, 10).toLowerCase());
    return { codes, hashes: codes.map((c) => hashToken(c)) };
  }

  /** Checks a code or a recovery code for a user; a recovery code is used up. */
  async check(manager: EntityManager, userId: string, input: { totpCode?: string; recoveryCode?: string }): Promise<boolean> {
    const user = await manager.findOne(User, { where: { id: userId }, select: { id: true, totpSecret: true } });
    if (!user?.totpSecret) return false;
    if (input.totpCode) return this.verify(user.totpSecret, input.totpCode);
    if (input.recoveryCode) {
      const hash = hashToken(input.recoveryCode.trim().toLowerCase());
      // One conditional statement, so two sign-ins racing with the same code cannot both use it up.
      const [, used] = await manager.query(`UPDATE users SET recovery_code_hashes = array_remove(recovery_code_hashes, $2) WHERE id = $1 AND $2 = ANY (recovery_code_hashes)`, [userId, hash]);
      return used === 1;
    }
    return false;
  }
}
